// gjson query conditions: whether one array element satisfies `#(path op value)`, including the
// `~true` / `~false` / `~null` / `~*` boolean coercions and the `%` / `!%` like-globs.
import { compareUTF8 } from '../utf8.ts';
import { matchLimit } from './match.ts';
import { GjsonResult } from './result.ts';
import { goParseFloat } from '../float.ts';
import type { Query } from './path.ts';

function parseBoolLower(s: string): boolean | null {
  const l = s.toLowerCase();
  if (l === '1' || l === 't' || l === 'true') return true;
  if (l === '0' || l === 'f' || l === 'false') return false;
  return null;
}

function ofTrue(v: GjsonResult): boolean {
  switch (v.type) {
    case 'True':
      return true;
    case 'String':
      return parseBoolLower(v.str) === true;
    case 'Number':
      return v.num !== 0;
    default:
      return false;
  }
}

function ofFalse(v: GjsonResult): boolean {
  switch (v.type) {
    case 'Null':
    case 'False':
      return true;
    case 'String':
      return parseBoolLower(v.str) === false;
    case 'Number':
      return v.num === 0;
    default:
      return false;
  }
}

/** gjson queryMatches: does the (sub-path) value satisfy the query's operator and value? */
export function queryMatches(q: Query, value: GjsonResult): boolean {
  let rpv = q.value;
  if (rpv.length > 0 && rpv[0] === '~') {
    const kind = rpv.slice(1);
    let ish: boolean | null = null;
    if (kind === '*') ish = value.exists;
    else if (kind === 'null') ish = value.type === 'Null';
    else if (kind === 'true') ish = ofTrue(value);
    else if (kind === 'false') ish = ofFalse(value);
    if (ish === null) {
      rpv = '';
      value = new GjsonResult();
    } else {
      rpv = 'true';
      value = new GjsonResult(ish ? 'True' : 'False');
    }
  }
  if (!value.exists) return false;
  if (q.op === '') return true;
  switch (value.type) {
    case 'String': {
      const c = compareUTF8(value.str, rpv);
      switch (q.op) {
        case '=':
          return c === 0;
        case '!=':
          return c !== 0;
        case '<':
          return c < 0;
        case '<=':
          return c <= 0;
        case '>':
          return c > 0;
        case '>=':
          return c >= 0;
        case '%':
          return matchLimit(value.str, rpv);
        case '!%':
          return !matchLimit(value.str, rpv);
      }
      return false;
    }
    case 'Number': {
      const right = goParseFloat(rpv);
      switch (q.op) {
        case '=':
          return value.num === right;
        case '!=':
          return value.num !== right;
        case '<':
          return value.num < right;
        case '<=':
          return value.num <= right;
        case '>':
          return value.num > right;
        case '>=':
          return value.num >= right;
      }
      return false;
    }
    case 'True':
      switch (q.op) {
        case '=':
          return rpv === 'true';
        case '!=':
          return rpv !== 'true';
        case '>':
          return rpv === 'false';
        case '>=':
          return true;
      }
      return false;
    case 'False':
      switch (q.op) {
        case '=':
          return rpv === 'false';
        case '!=':
          return rpv !== 'false';
        case '<':
          return rpv === 'true';
        case '<=':
          return true;
      }
      return false;
  }
  return false;
}
