// Raw-text scanners with tidwall/gjson's lenient semantics: they never validate, they find where a value
// ends (squash), read strings/numbers/literals and unescape JSON strings.
import { goParseFloat } from '../float.ts';

/** Index just after the closing quote of the string starting after `i` (i is the index after the opening quote). */
function skipString(json: string, i: number): number {
  for (; i < json.length; i++) {
    const c = json[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') return i + 1;
  }
  return i;
}

/**
 * The text of the value starting at json[i] (`{`, `[`, `(` or `"`-led), nested brackets balanced and strings
 * skipped. Returns the whole rest when unbalanced. (gjson squash / parseSquash.)
 */
export function squashAt(json: string, i: number): string {
  const start = i;
  let depth = 0;
  if (json[i] !== '"') {
    depth = 1;
    i++;
  }
  for (; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      i = skipString(json, i + 1) - 1;
      if (depth === 0) return json.slice(start, Math.min(i + 1, json.length));
    } else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return json.slice(start, i + 1);
    }
  }
  return json.slice(start);
}

/**
 * gjson parseSquash at json[i] (`{`, `[` or `(`): [end index, text], nested brackets balanced and strings
 * skipped. When the text ends inside a string the index ends one past the end (len + 1), as gjson's
 * does; its callers then stop without treating the end of input as a closing bracket.
 */
export function squashEnd(json: string, i: number): [end: number, raw: string] {
  const s = i;
  let depth = 1;
  for (i++; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      const s2 = ++i;
      for (; i < json.length; i++) {
        if (json[i] !== '"') continue;
        let n = 0;
        for (let k = i - 1; k >= s2 && json[k] === '\\'; k--) n++;
        if (n % 2 === 0) break;
      }
    } else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      if (--depth === 0) return [i + 1, json.slice(s, i + 1)];
    }
  }
  return [i, json.slice(s)];
}

/** gjson parseSquash: like squashAt but the first character always counts as an opener. */
export function parseSquash(json: string): string {
  let depth = 1;
  for (let i = 1; i < json.length; i++) {
    const c = json[i];
    if (c === '"') i = skipString(json, i + 1) - 1;
    else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return json.slice(0, i + 1);
    }
  }
  return json;
}

export function squash(json: string): string {
  return squashAt(json, 0);
}

/** String token at json[i] === '"': [endIndex, raw (with quotes), hasEscapes, complete]. */
export function readString(json: string, i: number): [number, string, boolean, boolean] {
  const s = i;
  let esc = false;
  for (i++; i < json.length; i++) {
    const c = json[i];
    if (c === '\\') {
      esc = true;
      i++;
      continue;
    }
    if (c === '"') return [i + 1, json.slice(s, i + 1), esc, true];
  }
  return [i, json.slice(s), false, false];
}

/** Number-ish token at json[i]: up to white space, `,`, `]` or `}`. */
export function readNumber(json: string, i: number): [number, string] {
  const s = i;
  for (i++; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c <= 0x20 || c === 0x2c || c === 0x5d || c === 0x7d) break;
  }
  return [i, json.slice(s, i)];
}

/** Literal token at json[i]: the first byte, then lower-case letters. */
export function readLiteral(json: string, i: number): [number, string] {
  const s = i;
  for (i++; i < json.length; i++) {
    const c = json[i];
    if (c < 'a' || c > 'z') break;
  }
  return [i, json.slice(s, i)];
}

/** gjson tonum: number token for Parse (stops at white space, `,`, `]`, `}`). */
export function toNum(json: string): [raw: string, num: number] {
  const [, raw] = readNumber(json, 0);
  return [raw, goParseFloat(raw)];
}

/** gjson tostr: [raw, unescaped] of a string token at the start of json. */
export function toStr(json: string): [raw: string, str: string] {
  const [, raw, esc, complete] = readString(json, 0);
  if (complete) return [raw, esc ? unescape(raw.slice(1, -1)) : raw.slice(1, -1)];
  // Unterminated: the rest of the text, unescaped when it holds a backslash.
  const body = raw.slice(1);
  return [raw, body.includes('\\') ? unescape(body) : body];
}

const hexRe = /^[0-9a-fA-F]{4}/;
function hex4(s: string, at: number): number {
  const h = s.slice(at, at + 4);
  return hexRe.test(h) ? parseInt(h, 16) : -1;
}

/** gjson unescape: resolves JSON escapes; stops at a control char or a bad escape; surrogates paired. */
export function unescape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c < ' ') return out;
    if (c !== '\\') {
      out += c;
      continue;
    }
    i++;
    if (i >= s.length) return out;
    switch (s[i]) {
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case '"':
        out += '"';
        break;
      case 'u': {
        if (i + 5 > s.length) return out;
        let r = hex4(s, i + 1);
        if (r < 0) r = 0; // Go's ParseUint error gives 0 here
        i += 5;
        if (r >= 0xd800 && r <= 0xdfff) {
          if (s.length - i >= 6 && s[i] === '\\' && s[i + 1] === 'u') {
            const r2 = Math.max(hex4(s, i + 2), 0);
            r = r <= 0xdbff && r2 >= 0xdc00 && r2 <= 0xdfff ? ((r - 0xd800) << 10) + (r2 - 0xdc00) + 0x10000 : 0xfffd;
            i += 6;
          } else r = 0xfffd;
        }
        out += String.fromCodePoint(r);
        i--;
        break;
      }
      default:
        return out;
    }
  }
  return out;
}

const hex = '0123456789abcdef';
/** gjson AppendJSONString: a JSON string literal with HTML-safe escapes. */
export function appendJSONString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      out += c === 0x0a ? '\\n' : c === 0x0d ? '\\r' : c === 0x09 ? '\\t' : '\\u00' + hex[c >> 4] + hex[c & 0xf];
    } else if (c === 0x3c || c === 0x3e || c === 0x26) out += '\\u00' + hex[c >> 4] + hex[c & 0xf];
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x22) out += '\\"';
    else if (c === 0x2028 || c === 0x2029) out += '\\u202' + hex[c & 0xf];
    else if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
      } else out += '\\ufffd';
    } else out += s[i];
  }
  return out + '"';
}

/** gjson trim: strips bytes <= ' ' at both ends. */
export function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) <= 0x20) b--;
  return s.slice(a, b);
}
