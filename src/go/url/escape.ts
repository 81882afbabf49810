// Go net/url escaping: QueryEscape, PathEscape, unescape (with Go's error texts) and url.Values.Encode.
import { compareUTF8, goStringBytes } from '../utf8.ts';

const upperhex = '0123456789ABCDEF';

export type EscapeMode = 'path' | 'pathSegment' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

function isUnreserved(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x2e || c === 0x7e;
}

/** Go url.shouldEscape for one byte. */
export function shouldEscape(c: number, mode: EscapeMode): boolean {
  if (isUnreserved(c)) return false;
  const ch = String.fromCharCode(c);
  if (mode === 'host' || mode === 'zone') {
    if ('!$&\'()*+,;=:[]<>"'.includes(ch)) return false;
  }
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case 'path':
        return ch === '?';
      case 'pathSegment':
        return ch === '/' || ch === ';' || ch === ',' || ch === '?';
      case 'userPassword':
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case 'queryComponent':
        return true;
      case 'fragment':
        return false;
      default:
        break;
    }
  }
  if (mode === 'fragment' && (ch === '!' || ch === '(' || ch === ')' || ch === '*')) return false;
  return true;
}

/** Go url's internal escape(s, mode). */
export function escape(s: string, mode: EscapeMode): string {
  let out = '';
  for (const b of goStringBytes(s)) {
    if (b === 0x20 && mode === 'queryComponent') out += '+';
    else if (shouldEscape(b, mode)) out += '%' + upperhex[b >> 4] + upperhex[b & 0xf];
    else out += String.fromCharCode(b);
  }
  return out;
}

/** Go url.QueryEscape: space → `+`, `A-Za-z0-9-_.~` kept, every other UTF-8 byte → %XX. */
export function queryEscape(s: string): string {
  return escape(s, 'queryComponent');
}

/** Go url.PathEscape. */
export function pathEscape(s: string): string {
  return escape(s, 'pathSegment');
}

/** Go url.Values.Encode: keys sorted by byte order, `k=v` pairs joined by `&`; keys with no values are omitted. */
export function encodeQuery(values: Record<string, string[]>): string {
  const keys = Object.keys(values).sort(compareUTF8);
  const parts: string[] = [];
  for (const k of keys) {
    const ek = queryEscape(k);
    for (const v of values[k]) parts.push(ek + '=' + queryEscape(v));
  }
  return parts.join('&');
}
