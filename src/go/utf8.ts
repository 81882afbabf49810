// UTF-8 helpers mirroring Go's unicode/utf8: JS strings <-> bytes, rune decoding with RuneError semantics.
// A lone UTF-16 surrogate in a JS string has no Go equivalent; it is treated as U+FFFD everywhere.

export const RUNE_ERROR = 0xfffd;

/** Code points of a JS string; lone surrogates become U+FFFD. */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    out.push(c >= 0xd800 && c <= 0xdfff ? RUNE_ERROR : c);
  }
  return out;
}

/** The string with every lone surrogate replaced by U+FFFD (what a Go string would hold). */
export function toWellFormed(s: string): string {
  return String.fromCodePoint(...codePoints(s));
}

const encoder = new TextEncoder();
/** UTF-8 bytes of a JS string (lone surrogates encode as U+FFFD). */
export function utf8Encode(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decoded rune at byte offset i, Go utf8.DecodeRune semantics: invalid → [0xFFFD, 1]. */
export function decodeRune(b: Uint8Array, i: number): [rune: number, size: number] {
  const n = b.length - i;
  if (n <= 0) return [RUNE_ERROR, 0];
  const b0 = b[i];
  if (b0 < 0x80) return [b0, 1];
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    if (cont(1)) return [((b0 & 0x1f) << 6) | (b[i + 1] & 0x3f), 2];
    return [RUNE_ERROR, 1];
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    if (cont(1, lo, hi) && cont(2)) {
      return [((b0 & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f), 3];
    }
    return [RUNE_ERROR, 1];
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    if (cont(1, lo, hi) && cont(2) && cont(3)) {
      return [((b0 & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f), 4];
    }
    return [RUNE_ERROR, 1];
  }
  return [RUNE_ERROR, 1];
}

// fatal: an invalid byte throws (we replace byte by byte, as Go does, not WHATWG's maximal subparts);
// ignoreBOM: a leading U+FEFF is kept, as Go keeps it.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** b as JS text, each byte that starts no valid UTF-8 sequence (utf8.DecodeRune's rule) given by `invalid`. */
function decodeBytes(b: Uint8Array, invalid: (byte: number) => string): string {
  try {
    return strictDecoder.decode(b);
  } catch {
    // some byte is invalid: decode the valid runs between the invalid bytes
  }
  const parts: string[] = [];
  let run = 0;
  for (let i = 0; i < b.length; ) {
    if (b[i] < 0x80) {
      i++;
      continue;
    }
    const size = decodeRune(b, i)[1];
    if (size > 1) {
      i += size;
      continue;
    }
    if (i > run) parts.push(strictDecoder.decode(b.subarray(run, i)));
    parts.push(invalid(b[i]));
    run = ++i;
  }
  if (run < b.length) parts.push(strictDecoder.decode(b.subarray(run)));
  return parts.join('');
}

/**
 * Go string([]byte) viewed as JS text: each invalid byte becomes U+FFFD (like ranging over a Go
 * string). Linear: valid runs are decoded whole, never character by character.
 */
export function utf8DecodeLossy(b: Uint8Array): string {
  return decodeBytes(b, () => '\uFFFD');
}

/**
 * A Go string (any bytes) as JS text without losing a byte: a byte that is not part of a valid UTF-8
 * sequence becomes the lone surrogate U+DC80+byte ("surrogateescape"), which no valid UTF-8 decodes to.
 * goStringBytes() gives the bytes back. The reference prints Go strings this way (Go writes them raw),
 * and the runner reads a binary's output this way.
 */
export function goStringFromBytes(b: Uint8Array): string {
  return decodeBytes(b, (byte) => String.fromCharCode(0xdc00 + byte));
}

/** The bytes of text goStringFromBytes() made: escaped bytes (lone U+DC80..U+DCFF) as themselves, the rest UTF-8. */
export function goStringBytes(s: string): Buffer {
  if (!/[\ud800-\udfff]/.test(s)) return Buffer.from(s, 'utf8'); // no surrogate at all: nothing escaped (the usual case)
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u >= 0xdc80 && u <= 0xdcff && !(i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)) {
      parts.push(Buffer.from(s.slice(start, i), 'utf8'), Buffer.from([u - 0xdc00]));
      start = i + 1;
    }
  }
  if (start === 0) return Buffer.from(s, 'utf8');
  parts.push(Buffer.from(s.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** Compare two strings by UTF-8 byte order (= code point order), like Go's strings.Compare. */
export function compareUTF8(a: string, b: string): number {
  const ca = codePoints(a);
  const cb = codePoints(b);
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    if (ca[i] !== cb[i]) return ca[i] < cb[i] ? -1 : 1;
  }
  return ca.length === cb.length ? 0 : ca.length < cb.length ? -1 : 1;
}
