// Go strconv.Quote (fmt %q of a string), its byte-slice form, and fmt %v of a []string.
// A Go string's byte that is not UTF-8 is held in JS text as the lone surrogate U+DC80+byte
// (goStringFromBytes) and quoted as Go quotes the byte: `\xe9`. Any other lone surrogate is read as U+FFFD
// (Go strings cannot hold surrogates) and, being printable, written as the character U+FFFD itself.
import { decodeRune, RUNE_ERROR } from './utf8.ts';
import { isPrint } from './unicode.ts';

const hex = '0123456789abcdef';

function hex2(n: number): string {
  return hex[(n >> 4) & 0xf] + hex[n & 0xf];
}

/** Escaped form of one valid rune inside a double-quoted Go literal. */
function escapeRune(r: number): string {
  if (r === 0x22) return '\\"';
  if (r === 0x5c) return '\\\\';
  if (isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + hex2(r);
  if (r < 0x10000) return '\\u' + r.toString(16).padStart(4, '0');
  return '\\U' + r.toString(16).padStart(8, '0');
}

/** Go strconv.Quote / fmt "%q" of a string. */
export function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += escapeRune(((u - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    if (u >= 0xdc80 && u <= 0xdcff) out += '\\x' + hex2(u - 0xdc00);
    else out += escapeRune(u >= 0xd800 && u <= 0xdfff ? RUNE_ERROR : u);
  }
  return out + '"';
}

/** Go strconv.Quote(string(b)): like quote, but invalid UTF-8 bytes print as `\xff`. */
export function quoteBytes(b: Uint8Array): string {
  let out = '"';
  for (let i = 0; i < b.length; ) {
    const [r, size] = decodeRune(b, i);
    if (r === RUNE_ERROR && size === 1) out += '\\x' + hex2(b[i]);
    else out += escapeRune(r);
    i += size;
  }
  return out + '"';
}

/** Go fmt "%v" of a []string: `[a b]`, `[]` when empty. */
export function formatSliceV(items: string[]): string {
  return '[' + items.join(' ') + ']';
}
