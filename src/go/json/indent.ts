// Go json.Indent of already-valid compact JSON: one member per line, `"key": value`, empty {} and [] compact.

/** Re-indent valid JSON text the way Go's json.Indent does (the first line gets no prefix). */
export function indentJSON(src: string, prefix: string, indent: string): string {
  let out = '';
  let depth = 0;
  let needIndent = false; // an opening bracket was just written; a newline is due unless it closes at once
  const newline = (): string => '\n' + prefix + indent.repeat(depth);
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (needIndent && c !== ']' && c !== '}') {
      needIndent = false;
      depth++;
      out += newline();
    }
    if (c === '"') {
      let j = i + 1;
      while (src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j;
      continue;
    }
    switch (c) {
      case '{':
      case '[':
        needIndent = true;
        out += c;
        break;
      case ',':
        out += c + newline();
        break;
      case ':':
        out += ': ';
        break;
      case '}':
      case ']':
        if (needIndent) needIndent = false;
        else {
          depth--;
          out += newline();
        }
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}
