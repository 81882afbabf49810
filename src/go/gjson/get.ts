// gjson Get: walks the raw JSON text along a path — object keys (exact or glob), array indexes, `#` counts,
// `#.key` mapping, queries, pipes, JSON Lines (`..`), multipaths, modifiers and `!` literals.
import { matchLimit } from './match.ts';
import { isSimpleName, nameOfLast, parseArrayPath, parseObjectPath, parseSubSelectors, splitPossiblePipe } from './path.ts';
import { queryMatches } from './query.ts';
import { GjsonResult, gjsonParse, parseAny, setGetImplementation } from './result.ts';
import { appendJSONString, readLiteral, readNumber, readString, squashEnd, unescape } from './scan.ts';
import { goParseFloat } from '../float.ts';
import { execModifier, execStatic, gjsonValid } from './modifiers.ts';

interface Ctx {
  json: string;
  value: GjsonResult;
  pipe: string;
  piped: boolean;
}

const stringResult = (raw: string, esc: boolean): GjsonResult => new GjsonResult('String', raw, esc ? unescape(raw.slice(1, -1)) : raw.slice(1, -1));
const literalResult = (raw: string): GjsonResult => new GjsonResult(raw[0] === 't' ? 'True' : raw[0] === 'f' ? 'False' : 'Null', raw);
const numberResult = (raw: string): GjsonResult => new GjsonResult('Number', raw, '', goParseFloat(raw));

const isNumStart = (c: string): boolean => '+-0123456789iIN'.includes(c);

/** Walk the members of the object whose body starts at i, following path. Returns [next index, hit]. */
function parseObject(c: Ctx, i: number, path: string): [number, boolean] {
  const json = c.json;
  const rp = parseObjectPath(path);
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  let key = '';
  let keyEsc = false;
  let ok = false;
  while (i < json.length) {
    for (; i < json.length; i++) {
      if (json[i] === '"') {
        const [end, raw, esc, complete] = readString(json, i);
        i = end;
        key = complete ? raw.slice(1, -1) : raw.slice(1);
        keyEsc = esc;
        ok = complete;
        break;
      }
      if (json[i] === '}') return [i + 1, false];
    }
    if (!ok) return [i, false];
    const k = keyEsc ? unescape(key) : key;
    const match = rp.wild ? matchLimit(k, rp.part) : rp.part === k;
    const hit = match && !rp.more;
    for (; i < json.length; i++) {
      const ch = json[i];
      let num = false;
      if (ch === '"') {
        const [end, raw, esc, complete] = readString(json, i);
        if (!complete) return [end, false];
        i = end;
        if (hit) {
          c.value = stringResult(raw, esc);
          return [i, true];
        }
      } else if (ch === '{' || ch === '[') {
        if (match && !hit) {
          const [end, h] = ch === '{' ? parseObject(c, i + 1, rp.path) : parseArray(c, i + 1, rp.path);
          i = end;
          if (h) return [i, true];
        } else {
          const [end, raw] = squashEnd(json, i);
          i = end;
          if (hit) {
            c.value = new GjsonResult('JSON', raw);
            return [i, true];
          }
        }
      } else if (ch === 't' || ch === 'f' || (ch === 'n' && !(i + 1 < json.length && json[i + 1] !== 'u'))) {
        const [end, raw] = readLiteral(json, i);
        i = end;
        if (hit) {
          c.value = literalResult(raw);
          return [i, true];
        }
      } else if (ch === 'n' || isNumStart(ch)) {
        num = true;
      } else {
        continue;
      }
      if (num) {
        const [end, raw] = readNumber(json, i);
        i = end;
        if (hit) {
          c.value = numberResult(raw);
          return [i, true];
        }
      }
      break;
    }
  }
  return [i, false];
}

function parseUint(s: string): number {
  return /^[0-9]+$/.test(s) ? Number(s) : -1;
}

/** Walk the elements of the array whose body starts at i (or JSON Lines), following path. */
function parseArray(c: Ctx, i: number, path: string): [number, boolean] {
  const json = c.json;
  const rp = parseArrayPath(path);
  const partIdx = rp.arrch ? -1 : parseUint(rp.part);
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  let multi: string[] | null = null;
  const procQuery = (el: GjsonResult): boolean => {
    if (rp.query.all && multi === null) multi = [];
    let res: GjsonResult;
    if (el.type === 'JSON') res = el.get(rp.query.path);
    else {
      if (rp.query.path !== '') return false;
      res = el;
    }
    if (!queryMatches(rp.query, res)) return false;
    if (rp.more) {
      const sp = splitPossiblePipe(rp.path);
      if (sp.ok) {
        rp.path = sp.left;
        c.pipe = sp.right;
        c.piped = true;
      }
      res = el.get(rp.path);
    } else res = el;
    if (rp.query.all) {
      const raw = res.raw.length === 0 ? res.string() : res.raw;
      if (raw !== '') (multi ??= []).push(raw);
      return false;
    }
    c.value = res;
    return true;
  };
  let h = 0;
  const alog: number[] = [];
  while (i < json.length + 1) {
    const match = !rp.arrch && partIdx === h;
    const hit = match && !rp.more;
    h++;
    if (rp.alogok) alog.push(i);
    for (; ; i++) {
      if (i > json.length) break;
      const ch = i === json.length ? ']' : json[i];
      let num = false;
      if (ch === '"') {
        const [end, raw, esc, complete] = readString(json, i);
        if (!complete) return [end, false];
        i = end;
        if (rp.query.on) {
          if (procQuery(stringResult(raw, esc))) return [i, true];
        } else if (hit) {
          if (rp.alogok) break;
          c.value = stringResult(raw, esc);
          return [i, true];
        }
      } else if (ch === '{' || ch === '[') {
        if (match && !hit) {
          const [end, hh] = ch === '{' ? parseObject(c, i + 1, rp.path) : parseArray(c, i + 1, rp.path);
          i = end;
          if (hh) {
            if (rp.alogok) break;
            return [i, true];
          }
        } else {
          const [end, raw] = squashEnd(json, i);
          i = end;
          if (rp.query.on) {
            if (procQuery(new GjsonResult('JSON', raw))) return [i, true];
          } else if (hit) {
            if (rp.alogok) break;
            c.value = new GjsonResult('JSON', raw);
            return [i, true];
          }
        }
      } else if (ch === 't' || ch === 'f' || (ch === 'n' && !(i + 1 < json.length && json[i + 1] !== 'u'))) {
        const [end, raw] = readLiteral(json, i);
        i = end;
        if (rp.query.on) {
          if (procQuery(literalResult(raw))) return [i, true];
        } else if (hit) {
          if (rp.alogok) break;
          c.value = literalResult(raw);
          return [i, true];
        }
      } else if (ch === 'n' || isNumStart(ch)) {
        num = true;
      } else if (ch === ']') {
        if (rp.arrch && rp.part === '#') {
          if (rp.alogok) {
            const sp = splitPossiblePipe(rp.alogkey);
            if (sp.ok) {
              rp.alogkey = sp.left;
              c.pipe = sp.right;
              c.piped = true;
            }
            const parts: string[] = [];
            for (let idx of alog) {
              while (idx < json.length && ' \t\r\n'.includes(json[idx])) idx++;
              if (idx < json.length && json[idx] !== ']') {
                const [, el, ok] = parseAny(json, idx);
                if (ok) {
                  const res = el.get(rp.alogkey);
                  if (res.exists) parts.push(res.raw.length === 0 ? res.string() : res.raw);
                }
              }
            }
            c.value = new GjsonResult('JSON', '[' + parts.join(',') + ']');
            return [i + 1, true];
          }
          c.value = new GjsonResult('Number', String(h - 1), '', h - 1);
          return [i + 1, true];
        }
        if (!c.value.exists) {
          if (multi !== null && (multi as string[]).length > 0) c.value = new GjsonResult('JSON', '[' + (multi as string[]).join(',') + ']');
          else if (rp.query.all) c.value = new GjsonResult('JSON', '[]');
        }
        return [i + 1, false];
      } else {
        continue;
      }
      if (num) {
        const [end, raw] = readNumber(json, i);
        i = end;
        if (rp.query.on) {
          if (procQuery(numberResult(raw))) return [i, true];
        } else if (hit) {
          if (rp.alogok) break;
          c.value = numberResult(raw);
          return [i, true];
        }
      }
      break;
    }
  }
  return [i, false];
}

/**
 * Multipath `[a,b]` / `{a,"n":b}`. When the path is not a multipath followed by nothing, `|` or `.`,
 * gjson goes on with a replaced path: the text after the closing bracket, or the empty path when the
 * brackets never close (so `{s` reads the key "").
 */
function getMultipath(json: string, path: string): GjsonResult | { path: string } {
  const kind = path[0];
  const { selectors, rest, ok } = parseSubSelectors(path);
  if (!ok) return { path: '' };
  if (!(rest.length === 0 || rest[0] === '|' || rest[0] === '.')) return { path: rest };
  const parts: string[] = [];
  for (const sub of selectors) {
    const res = gjsonGet(json, sub.path);
    if (!res.exists) continue;
    let name = '';
    if (kind === '{') {
      if (sub.name.length > 0) name = sub.name[0] === '"' && gjsonValid(sub.name) ? sub.name : appendJSONString(sub.name);
      else {
        const last = nameOfLast(sub.path);
        name = appendJSONString(isSimpleName(last) ? last : '_');
      }
      name += ':';
    }
    let raw = res.raw;
    if (raw.length === 0) raw = res.string() || 'null';
    parts.push(name + raw);
  }
  let res = new GjsonResult('JSON', kind + parts.join(',') + (kind === '[' ? ']' : '}'));
  if (rest.length > 0) res = res.get(rest.slice(1));
  return res;
}

/** tidwall/gjson v1.18 Get(json, path). A malformed path simply matches nothing. */
export function gjsonGet(json: string, path: string): GjsonResult {
  if (path.length > 1) {
    if (path[0] === '@' || path[0] === '!') {
      const r = path[0] === '@' ? execModifier(json, path) : execStatic(path);
      if (r.ok) {
        const rest = r.pathOut;
        if (rest.length > 0 && (rest[0] === '|' || rest[0] === '.')) return gjsonGet(r.json, rest.slice(1));
        return gjsonParse(r.json);
      }
    }
    if (path[0] === '[' || path[0] === '{') {
      const res = getMultipath(json, path);
      if (res instanceof GjsonResult) return res;
      path = res.path;
    }
  }
  const c: Ctx = { json, value: new GjsonResult(), pipe: '', piped: false };
  if (path.length >= 2 && path[0] === '.' && path[1] === '.') {
    parseArray(c, 0, path.slice(2));
  } else {
    for (let i = 0; i < json.length; i++) {
      if (json[i] === '{') {
        parseObject(c, i + 1, path);
        break;
      }
      if (json[i] === '[') {
        parseArray(c, i + 1, path);
        break;
      }
    }
  }
  if (c.piped) return c.value.get(c.pipe);
  return c.value;
}

setGetImplementation(gjsonGet);
