// gjson Result: type, raw JSON text, decoded string/number, Exists(), String(), Bool(), ForEach and Parse().
import { formatFloat } from '../float.ts';
import { readLiteral, readNumber, readString, squashEnd, toNum, toStr, unescape } from './scan.ts';
import { goParseFloat } from '../float.ts';

/** The bytes gjson's value switches treat as the start of a number (`n` is decided apart: `null` or NaN). */
const NUMBER_START = new Set('+-0123456789iIN');

export type GjsonType = 'Null' | 'False' | 'Number' | 'String' | 'True' | 'JSON';

export class GjsonResult {
  constructor(
    readonly type: GjsonType = 'Null',
    readonly raw: string = '',
    readonly str: string = '',
    readonly num: number = 0,
  ) {}

  /** gjson Exists(): a non-null type or a non-empty raw text (so a JSON `null` exists). */
  get exists(): boolean {
    return this.type !== 'Null' || this.raw.length !== 0;
  }

  /** gjson Result.String(): what `coder external-auth access-token --extra` prints. */
  string(): string {
    switch (this.type) {
      case 'False':
        return 'false';
      case 'True':
        return 'true';
      case 'String':
        return this.str;
      case 'JSON':
        return this.raw;
      case 'Number': {
        if (this.raw.length === 0) return formatFloat(this.num, 'f');
        if (/^-?[0-9]*$/.test(this.raw)) return this.raw;
        return formatFloat(this.num, 'f');
      }
      default:
        return '';
    }
  }

  /** gjson Bool(). */
  bool(): boolean {
    switch (this.type) {
      case 'True':
        return true;
      case 'String':
        return ['1', 't', 'true'].includes(this.str.toLowerCase());
      case 'Number':
        return this.num !== 0;
      default:
        return false;
    }
  }

  /** gjson Int() for the ranges the modifiers need (options such as `width`). */
  int(): number {
    switch (this.type) {
      case 'True':
        return 1;
      case 'String':
        return /^-?\d+$/.test(this.str) ? Number(this.str) : 0;
      case 'Number':
        return Number.isFinite(this.num) ? Math.trunc(this.num) : 0;
      default:
        return 0;
    }
  }

  isObject(): boolean {
    return this.type === 'JSON' && this.raw[0] === '{';
  }

  isArray(): boolean {
    return this.type === 'JSON' && this.raw[0] === '[';
  }

  /** gjson ForEach: members of an object (key results are Strings) or elements of an array; a scalar yields itself. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a callback that returns nothing goes on, as one returning true
  forEach(fn: (key: GjsonResult, value: GjsonResult) => boolean | void): void {
    if (!this.exists) return;
    if (this.type !== 'JSON') {
      fn(new GjsonResult(), this);
      return;
    }
    const json = this.raw;
    let i = 0;
    let obj = false;
    for (; i < json.length; i++) {
      if (json[i] === '{') {
        i++;
        obj = true;
        break;
      }
      if (json[i] === '[') {
        i++;
        break;
      }
      if (json.charCodeAt(i) > 0x20) return;
    }
    let key = new GjsonResult();
    for (; i < json.length; i++) {
      if (obj) {
        if (json[i] !== '"') continue;
        const [end, raw, esc, ok] = readString(json, i);
        if (!ok) return;
        key = new GjsonResult('String', raw, esc ? unescape(raw.slice(1, -1)) : raw.slice(1, -1));
        i = end;
      }
      for (; i < json.length; i++) {
        const c = json[i];
        if (json.charCodeAt(i) <= 0x20 || c === ',' || c === ':') continue;
        break;
      }
      const [end, value, ok] = parseAny(json, i);
      if (!ok) return;
      i = end;
      if (fn(key, value) === false) return;
    }
  }

  /** gjson Result.Get: a path applied to this value's raw JSON. */
  get(path: string): GjsonResult {
    return getHook(this.raw, path);
  }
}

let getHook: (json: string, path: string) => GjsonResult = () => new GjsonResult();
/** Called once by get.ts so Result.get can evaluate paths without an import cycle. */
export function setGetImplementation(fn: (json: string, path: string) => GjsonResult): void {
  getHook = fn;
}

/** gjson parseAny: the next value at or after i. Returns [end, result, ok]. */
export function parseAny(json: string, i: number): [number, GjsonResult, boolean] {
  for (; i < json.length; i++) {
    const c = json[i];
    if (c === '{' || c === '[') {
      const [end, raw] = squashEnd(json, i);
      return [end, new GjsonResult('JSON', raw), true];
    }
    if (json.charCodeAt(i) <= 0x20) continue;
    let num = false;
    switch (c) {
      case '"': {
        const [end, raw, esc, ok] = readString(json, i);
        if (!ok) return [end, new GjsonResult(), false];
        return [end, new GjsonResult('String', raw, esc ? unescape(raw.slice(1, -1)) : raw.slice(1, -1)), true];
      }
      // biome-ignore lint/suspicious/noFallthroughSwitchClause: as gjson's switch, 'n' falls through to the literals
      case 'n':
        if (i + 1 < json.length && json[i + 1] !== 'u') {
          num = true; // `n` not followed by `u` (NaN) is read as a number
          break;
        }
      // fall through
      case 't':
      case 'f': {
        const [end, raw] = readLiteral(json, i);
        const type: GjsonType = c === 't' ? 'True' : c === 'f' ? 'False' : 'Null';
        return [end, new GjsonResult(type, raw), true];
      }
      default:
        num = NUMBER_START.has(c);
    }
    if (num) {
      const [end, raw] = readNumber(json, i);
      return [end, new GjsonResult('Number', raw, '', goParseFloat(raw)), true];
    }
  }
  return [i, new GjsonResult(), false];
}

/** gjson Parse: the first value of json, without validation (objects/arrays take the whole rest as raw). */
export function gjsonParse(json: string): GjsonResult {
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '{' || c === '[') return new GjsonResult('JSON', json.slice(i));
    if (json.charCodeAt(i) <= 0x20) continue;
    const rest = json.slice(i);
    if (NUMBER_START.has(c)) {
      const [raw, num] = toNum(rest);
      return new GjsonResult('Number', raw, '', num);
    }
    switch (c) {
      case 'n':
        if (i + 1 < json.length && json[i + 1] !== 'u') {
          const [raw, num] = toNum(rest);
          return new GjsonResult('Number', raw, '', num);
        }
        return new GjsonResult('Null', toLit(rest));
      case 't':
        return new GjsonResult('True', toLit(rest));
      case 'f':
        return new GjsonResult('False', toLit(rest));
      case '"': {
        const [raw, str] = toStr(rest);
        return new GjsonResult('String', raw, str);
      }
      default:
        return new GjsonResult();
    }
  }
  return new GjsonResult();
}

function toLit(json: string): string {
  return readLiteral(json, 0)[1];
}
