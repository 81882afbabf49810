// Builds JS values from JSON bytes the scanner has already validated, the way Go decodes into interface{}:
// objects → plain objects (duplicate keys: last wins), numbers → float64, strings unquoted with Go's rules
// (invalid UTF-8 bytes and lone surrogate escapes → U+FFFD).
import { RUNE_ERROR, utf8DecodeLossy } from '../utf8.ts';
import { type Cursor, walkValid } from './walk.ts';

export interface BuildResult {
  value: unknown;
  /** First conversion error Go would save (number out of float64 range), or null. */
  saved: string | null;
}

/**
 * Go's unquote of a JSON string literal body (bytes between the quotes). Linear: the bytes between
 * escapes are decoded as whole runs (a UTF-8 sequence never spans a backslash).
 */
export function unquoteJSONString(b: Uint8Array, start: number, end: number): string {
  const parts: string[] = [];
  const hex4 = (i: number): number => {
    if (i + 6 > end || b[i] !== 0x5c || b[i + 1] !== 0x75) return -1;
    const h = String.fromCharCode(b[i + 2], b[i + 3], b[i + 4], b[i + 5]);
    return /^[0-9a-fA-F]{4}$/.test(h) ? parseInt(h, 16) : -1;
  };
  let run = start;
  let i = start;
  const within = b.subarray(0, end);
  while (i < end) {
    const bs = within.indexOf(0x5c, i); // native search for the next escape
    if (bs < 0) break;
    i = bs;
    if (i > run) parts.push(utf8DecodeLossy(b.subarray(run, i)));
    const e = b[i + 1];
    switch (e) {
      case 0x62:
        parts.push('\b');
        i += 2;
        break;
      case 0x66:
        parts.push('\f');
        i += 2;
        break;
      case 0x6e:
        parts.push('\n');
        i += 2;
        break;
      case 0x72:
        parts.push('\r');
        i += 2;
        break;
      case 0x74:
        parts.push('\t');
        i += 2;
        break;
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
        parts.push(String.fromCodePoint(r));
        break;
      }
      default:
        parts.push(String.fromCharCode(e));
        i += 2;
        break; // \\ \/ \"
    }
    run = i;
  }
  if (end > run) parts.push(utf8DecodeLossy(b.subarray(run, end)));
  return parts.join('');
}

const ascii = new TextDecoder();

function setKey(obj: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(obj, k, { value: v, writable: true, enumerable: true, configurable: true });
}

/** The string starting at c.i, unquoted; c.i moves past its closing quote. */
function readString(c: Cursor): string {
  const { b } = c;
  const s = ++c.i;
  // The closing quote: the next quote not escaped (native indexOf, not a byte loop; the value is
  // valid JSON, so the quote exists before `end`).
  const within = b.subarray(0, c.end);
  for (;;) {
    const q = within.indexOf(0x22, c.i);
    let backslashes = 0;
    while (b[q - 1 - backslashes] === 0x5c && q - 1 - backslashes >= s) backslashes++;
    c.i = q;
    if (backslashes % 2 === 0) break;
    c.i++;
  }
  const text = unquoteJSONString(b, s, c.i);
  c.i++;
  return text;
}

/** Decode the valid JSON value in b[start, end) into JS values. */
export function buildValue(b: Uint8Array, start: number, end: number): BuildResult {
  let saved: string | null = null;
  const value = walkValid<unknown, Record<string, unknown>, unknown[]>(b, start, end, {
    scalar(c) {
      const ch = b[c.i];
      if (ch === 0x22) return readString(c);
      if (ch === 0x74) {
        c.i += 4;
        return true;
      }
      if (ch === 0x66) {
        c.i += 5;
        return false;
      }
      if (ch === 0x6e) {
        c.i += 4;
        return null;
      }
      const s = c.i;
      while (c.i < end && /[-+.eE0-9]/.test(String.fromCharCode(b[c.i]))) c.i++;
      const text = ascii.decode(b.subarray(s, c.i)); // not String.fromCharCode(...bytes): a number may have more digits than a call has arguments
      const n = Number(text);
      if (!Number.isFinite(n)) {
        saved ??= `json: cannot unmarshal number ${text} into Go value of type float64`;
        return null;
      }
      return n;
    },
    key: readString,
    object: () => ({}),
    member: setKey,
    closeObject: (obj) => obj,
    array: () => [],
    element: (arr, v) => arr.push(v),
    closeArray: (arr) => arr,
  });
  return { value, saved };
}
