// Builds JS values from JSON bytes the scanner has already validated, the way Go decodes into interface{}:
// objects → plain objects (duplicate keys: last wins), numbers → float64, strings unquoted with Go's rules
// (invalid UTF-8 bytes and lone surrogate escapes → U+FFFD).
import { decodeRune, RUNE_ERROR } from '../utf8.ts';
import { isJSONSpace } from './scanner.ts';

export interface BuildResult {
  value: unknown;
  /** First conversion error Go would save (number out of float64 range), or null. */
  saved: string | null;
}

/** Go's unquote of a JSON string literal body (bytes between the quotes). */
export function unquoteJSONString(b: Uint8Array, start: number, end: number): string {
  let out = '';
  const hex4 = (i: number): number => {
    if (i + 6 > end || b[i] !== 0x5c || b[i + 1] !== 0x75) return -1;
    const h = String.fromCharCode(b[i + 2], b[i + 3], b[i + 4], b[i + 5]);
    return /^[0-9a-fA-F]{4}$/.test(h) ? parseInt(h, 16) : -1;
  };
  for (let i = start; i < end; ) {
    const c = b[i];
    if (c === 0x5c) {
      const e = b[i + 1];
      switch (e) {
        case 0x62: out += '\b'; i += 2; continue;
        case 0x66: out += '\f'; i += 2; continue;
        case 0x6e: out += '\n'; i += 2; continue;
        case 0x72: out += '\r'; i += 2; continue;
        case 0x74: out += '\t'; i += 2; continue;
        case 0x75: {
          let r = hex4(i);
          i += 6;
          if (r >= 0xd800 && r <= 0xdfff) {
            const r2 = hex4(i);
            if (r <= 0xdbff && r2 >= 0xdc00 && r2 <= 0xdfff) {
              r = ((r - 0xd800) << 10) + (r2 - 0xdc00) + 0x10000;
              i += 6;
            } else r = RUNE_ERROR;
          }
          out += String.fromCodePoint(r);
          continue;
        }
        default: out += String.fromCharCode(e); i += 2; continue; // \\ \/ \"
      }
    }
    if (c < 0x80) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    const [r, size] = decodeRune(b.subarray(0, end), i);
    out += String.fromCodePoint(r);
    i += size;
  }
  return out;
}

function setKey(obj: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(obj, k, { value: v, writable: true, enumerable: true, configurable: true });
}

/** Decode the valid JSON value in b[start, end) into JS values. */
export function buildValue(b: Uint8Array, start: number, end: number): BuildResult {
  let i = start;
  let saved: string | null = null;
  const skip = (): void => {
    while (i < end && isJSONSpace(b[i])) i++;
  };
  const readString = (): string => {
    const s = ++i;
    while (b[i] !== 0x22) i += b[i] === 0x5c ? 2 : 1;
    const text = unquoteJSONString(b, s, i);
    i++;
    return text;
  };
  const value = (): unknown => {
    skip();
    const c = b[i];
    if (c === 0x7b) {
      i++;
      const obj: Record<string, unknown> = {};
      skip();
      if (b[i] === 0x7d) { i++; return obj; }
      for (;;) {
        skip();
        const k = readString();
        skip();
        i++; // ':'
        setKey(obj, k, value());
        skip();
        if (b[i++] === 0x7d) return obj; // else ','
      }
    }
    if (c === 0x5b) {
      i++;
      const arr: unknown[] = [];
      skip();
      if (b[i] === 0x5d) { i++; return arr; }
      for (;;) {
        arr.push(value());
        skip();
        if (b[i++] === 0x5d) return arr;
      }
    }
    if (c === 0x22) return readString();
    if (c === 0x74) { i += 4; return true; }
    if (c === 0x66) { i += 5; return false; }
    if (c === 0x6e) { i += 4; return null; }
    const s = i;
    while (i < end && /[-+.eE0-9]/.test(String.fromCharCode(b[i]))) i++;
    const text = String.fromCharCode(...b.subarray(s, i));
    const n = Number(text);
    if (!Number.isFinite(n)) {
      saved ??= `json: cannot unmarshal number ${text} into Go value of type float64`;
      return null;
    }
    return n;
  };
  const v = value();
  return { value: v, saved };
}
