// Go net/url unescape(s, mode) with its EscapeError / InvalidHostError texts, and validEncoded.
// Works on a Go string's bytes (goStringBytes); the result keeps every byte (goStringFromBytes: one that is not
// UTF-8 as U+DC80+byte), as Go's string does.
import { quote, quoteBytes } from '../quote.ts';
import { goStringBytes, goStringFromBytes } from '../utf8.ts';
import { shouldEscape, type EscapeMode } from './escape.ts';

export class URLError extends Error {}

const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const unhex = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);

/** Go url.unescape: %XX decoding with Go's checks; throws URLError with Go's message. */
export function unescape(s: string, mode: EscapeMode): string {
  const b = goStringBytes(s);
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c === 0x25) {
      if (i + 2 >= b.length || !isHex(b[i + 1]) || !isHex(b[i + 2])) {
        throw new URLError('invalid URL escape ' + quoteBytes(b.subarray(i, i + 3)));
      }
      const esc = b.subarray(i, i + 3);
      const is25 = b[i + 1] === 0x32 && b[i + 2] === 0x35;
      if (mode === 'host' && unhex(b[i + 1]) < 8 && !is25) {
        throw new URLError('invalid URL escape ' + quoteBytes(esc));
      }
      if (mode === 'zone') {
        const v = (unhex(b[i + 1]) << 4) | unhex(b[i + 2]);
        if (!is25 && v !== 0x20 && shouldEscape(v, 'host')) throw new URLError('invalid URL escape ' + quoteBytes(esc));
      }
      i += 3;
      continue;
    }
    if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) {
      throw new URLError('invalid character ' + quote(String.fromCharCode(c)) + ' in host name');
    }
    i++;
  }
  const out: number[] = [];
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c === 0x25) {
      out.push((unhex(b[i + 1]) << 4) | unhex(b[i + 2]));
      i += 3;
    } else if (c === 0x2b && mode === 'queryComponent') {
      out.push(0x20);
      i++;
    } else {
      out.push(c);
      i++;
    }
  }
  return goStringFromBytes(new Uint8Array(out));
}

/** Go url.validEncoded: whether s is an acceptable escaped form for mode. */
export function validEncoded(s: string, mode: EscapeMode): boolean {
  for (const c of goStringBytes(s)) {
    if ("!$&'()*+,;=:@[]%".includes(String.fromCharCode(c))) continue;
    if (shouldEscape(c, mode)) return false;
  }
  return true;
}

/** Go url.QueryUnescape; throws URLError on a bad escape. */
export function queryUnescape(s: string): string {
  return unescape(s, 'queryComponent');
}
