// gjson Result: type, raw JSON text, decoded string/number, Exists(), String(), Bool(), ForEach and Parse().
import { formatFloat } from '../float.ts';
import { readLiteral, readNumber, readString, squashEnd, toNum, toStr, unescape } from './scan.ts';
import { goParseFloat } from '../float.ts';

/** The bytes gjson's value switches treat as the start of a number (`n` is decided apart: `null` or NaN). */
const NUMBER_START = new Set('+-0123456789iIN');

const MAX_SAFE = 9007199254740991;
const TWO_63 = 2 ** 63;

/** gjson parseInt: an optional '-' then decimal digits only, in int64 arithmetic (wrapping); else undefined. */
function parseInt64(s: string): number | undefined {
  let i = s.startsWith('-') ? 1 : 0;
  if (i === s.length) return undefined;
  let n = 0n;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    n = BigInt.asIntN(64, n * 10n + BigInt(c - 0x30));
  }
  return Number(s[0] === '-' ? BigInt.asIntN(64, -n) : n);
}

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

  /**
   * gjson Int(), an int64 (as a number: only @pretty's width reads it). Strings and raw numbers beyond
   * ±2^53 are read digit by digit in int64 arithmetic, which wraps (2^64+1 is 1); a number neither safe nor
   * such digits (1e19, an infinity) is Go's int64(float64) conversion, which on amd64 (the upstream builds
   * this suite runs) gives -2^63 for a value out of range.
   */
  int(): number {
    switch (this.type) {
      case 'True':
        return 1;
      case 'String':
        return parseInt64(this.str) ?? 0;
      case 'Number': {
        if (Math.abs(this.num) <= MAX_SAFE) return Math.trunc(this.num);
        const n = parseInt64(this.raw);
        if (n !== undefined) return n;
        return this.num > -TWO_63 && this.num < TWO_63 ? Math.trunc(this.num) : -TWO_63;
      }
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
