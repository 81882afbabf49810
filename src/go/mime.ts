// Go mime.ParseMediaType (Go 1.25/1.26): the lower-cased media type, or Go's error text. Parameters are
// checked (syntax, duplicate names) but not returned; callers here only need whether parsing failed.
import { isSpace } from './unicode.ts';

const TSPECIALS = '()<>@,;:\\"/[]?=';
const isTSpecial = (c: string) => TSPECIALS.includes(c);
const isTokenChar = (c: string) => {
  const cp = c.codePointAt(0)!;
  return cp > 0x20 && cp < 0x7f && !isTSpecial(c); // DEL (0x7f) is a CTL, not a token char
};

function trimLeftSpace(s: string): string {
  let i = 0;
  for (const ch of s) {
    if (!isSpace(ch.codePointAt(0)!)) break;
    i += ch.length;
  }
  return s.slice(i);
}

function trimSpace(s: string): string {
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && isSpace(chars[a].codePointAt(0)!)) a++;
  while (b > a && isSpace(chars[b - 1].codePointAt(0)!)) b--;
  return chars.slice(a, b).join('');
}

/** Go strings.ToLower: per code point simple case mapping (U+0130 İ → i, Kelvin sign K → k). */
function goToLower(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === '\u0130') {
      out += 'i';
      continue;
    }
    const low = ch.toLowerCase();
    out += [...low].length === 1 ? low : ch;
  }
  return out;
}

function consumeToken(v: string): [token: string, rest: string] {
  let i = 0;
  while (i < v.length && isTokenChar(v[i])) i++;
  return [v.slice(0, i), v.slice(i)];
}

function consumeValue(v: string): [value: string, rest: string] {
  if (v === '') return ['', ''];
  if (v[0] !== '"') return consumeToken(v);
  let buf = '';
  for (let i = 1; i < v.length; i++) {
    const r = v[i];
    if (r === '"') return [buf, v.slice(i + 1)];
    if (r === '\\' && i + 1 < v.length && isTSpecial(v[i + 1])) {
      buf += v[i + 1];
      i++;
      continue;
    }
    if (r === '\r' || r === '\n') return ['', v];
    buf += r;
  }
  return ['', v];
}

function consumeMediaParam(v: string): [param: string, value: string, rest: string] {
  let rest = trimLeftSpace(v);
  if (!rest.startsWith(';')) return ['', '', v];
  rest = trimLeftSpace(rest.slice(1));
  let param: string;
  [param, rest] = consumeToken(rest);
  param = param.toLowerCase();
  if (param === '') return ['', '', v];
  rest = trimLeftSpace(rest);
  if (!rest.startsWith('=')) return ['', '', v];
  rest = trimLeftSpace(rest.slice(1));
  const [value, rest2] = consumeValue(rest);
  if (value === '' && rest2 === rest) return ['', '', v];
  return [param, value, rest2];
}

function checkMediaTypeDisposition(s: string): string | undefined {
  const [typ, rest] = consumeToken(s);
  if (typ === '') return 'mime: no media type';
  if (rest === '') return undefined;
  if (!rest.startsWith('/')) return 'mime: expected slash after first token';
  const [subtype, rest2] = consumeToken(rest.slice(1));
  if (subtype === '') return 'mime: expected token after slash';
  if (rest2 !== '') return 'mime: unexpected content after media subtype';
  return undefined;
}

/** mime.ParseMediaType: `{ mediaType }` (lower-cased), or `{ mediaType, error }` as Go returns them. */
export function parseMediaType(v: string): { mediaType: string; error?: string } {
  const semi = v.indexOf(';');
  const base = semi < 0 ? v : v.slice(0, semi);
  const mediaType = trimSpace(goToLower(base));
  const bad = checkMediaTypeDisposition(mediaType);
  if (bad) return { mediaType: '', error: bad };
  const params = new Map<string, string>();
  const continuation = new Map<string, Map<string, string>>();
  let rest = v.slice(base.length);
  while (rest.length > 0) {
    rest = trimLeftSpace(rest);
    if (rest.length === 0) break;
    const [key, value, next] = consumeMediaParam(rest);
    if (key === '') {
      if (trimSpace(next) === ';') break; // a trailing semicolon is not an error
      return { mediaType, error: 'mime: invalid media parameter' };
    }
    let pmap = params;
    const star = key.indexOf('*');
    if (star >= 0) {
      const baseName = key.slice(0, star);
      if (!continuation.has(baseName)) continuation.set(baseName, new Map());
      pmap = continuation.get(baseName)!;
    }
    const have = pmap.get(key);
    if (have !== undefined && have !== value) return { mediaType: '', error: 'mime: duplicate parameter name' };
    pmap.set(key, value);
    rest = next;
  }
  return { mediaType };
}
