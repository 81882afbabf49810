// Go's compact(dst, src, escape) as json.Marshal applies it to a json.Marshaler's output: white space
// outside strings dropped, and inside strings <, > and & (with escapeHTML) and U+2028/U+2029 escaped.
// In this CLI the only Marshaler is time.Time, whose text ("2006-01-02T15:04:05.999999999Z07:00" in
// quotes) holds none of these, so this is the identity there (mutation/survivors.yaml says so of the file).

const hex = '0123456789abcdef';

/** Marshaler output is compacted and, with escapeHTML, HTML-escaped (Go's compact(..., escape)). */
export function compactHTML(raw: string, escapeHTML: boolean): string {
  let out = '';
  let inStr = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inStr) {
      if (c === '\\') {
        out += c + raw[++i];
        continue;
      }
      if (c === '"') inStr = false;
      if (escapeHTML && (c === '<' || c === '>' || c === '&')) {
        out += '\\u00' + hex[c.charCodeAt(0) >> 4] + hex[c.charCodeAt(0) & 0xf];
        continue;
      }
      if (c === '\u2028' || c === '\u2029') {
        out += c === '\u2028' ? '\\u2028' : '\\u2029';
        continue;
      }
      out += c;
      continue;
    }
    if (c === '"') inStr = true;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    out += c;
  }
  return out;
}
