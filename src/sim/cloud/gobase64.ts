// Go encoding/base64 decoding (StdEncoding and RawURLEncoding, not Strict) with Go's exact
// behaviour: `\r`/`\n` are skipped anywhere, and errors read `illegal base64 data at input byte N`
// with N the same byte offset Go reports.
import { utf8Encode } from '../../go/index.ts';

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

interface Encoding {
  decodeMap: Int16Array;
  /** Byte value of the padding character, or -1 for no padding. */
  padChar: number;
}

function encoding(alphabet: string, padChar: number): Encoding {
  const decodeMap = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) decodeMap[alphabet.charCodeAt(i)] = i;
  return { decodeMap, padChar };
}

export const StdEncoding = encoding(STD, 0x3d);
export const RawURLEncoding = encoding(URL, -1);

export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

class CorruptInputError {
  constructor(readonly offset: number) {}
  get message(): string {
    return `illegal base64 data at input byte ${this.offset}`;
  }
}

const isNewline = (c: number) => c === 0x0a || c === 0x0d;

/** One quantum of Go's decodeQuantum; returns the next source index or throws CorruptInputError. */
function decodeQuantum(enc: Encoding, src: Uint8Array, si: number, out: number[]): { si: number; done: boolean } {
  const dbuf = [0, 0, 0, 0];
  let dlen = 4;
  let trailingGarbage = -1;
  for (let j = 0; j < 4; j++) {
    if (src.length === si) {
      if (j === 0) return { si, done: true };
      if (j === 1 || enc.padChar !== -1) throw new CorruptInputError(si - j);
      dlen = j;
      break;
    }
    const c = src[si];
    si++;
    const v = enc.decodeMap[c];
    if (v !== -1) {
      dbuf[j] = v;
      continue;
    }
    if (isNewline(c)) {
      j--;
      continue;
    }
    if (c !== enc.padChar) throw new CorruptInputError(si - 1);
    // Padding: only valid after two or three data characters.
    if (j === 0 || j === 1) throw new CorruptInputError(si - 1);
    if (j === 2) {
      while (si < src.length && isNewline(src[si])) si++;
      if (si === src.length) throw new CorruptInputError(src.length);
      if (src[si] !== enc.padChar) throw new CorruptInputError(si - 1);
      si++;
    }
    while (si < src.length && isNewline(src[si])) si++;
    if (si < src.length) trailingGarbage = si;
    dlen = j;
    break;
  }
  const val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
  const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
  for (let k = 0; k < dlen - 1; k++) out.push(bytes[k]);
  if (trailingGarbage >= 0) throw new CorruptInputError(trailingGarbage);
  return { si, done: false };
}

/** Go's enc.DecodeString(s). Strings are taken as their UTF-8 bytes, as Go sees them. */
export function goBase64Decode(enc: Encoding, s: string | Uint8Array): Base64Result {
  const src = typeof s === 'string' ? utf8Encode(s) : s;
  const out: number[] = [];
  let si = 0;
  try {
    while (si < src.length) {
      const r = decodeQuantum(enc, src, si, out);
      if (r.done) break;
      si = r.si;
    }
  } catch (e) {
    if (e instanceof CorruptInputError) return { ok: false, error: e.message };
    throw e;
  }
  return { ok: true, bytes: Uint8Array.from(out) };
}
