// Go's unicode.IsSpace and unicode.IsPrint (the predicates strings.TrimSpace and strconv.Quote use).
// IsPrint uses the JS engine's Unicode tables (Node's ICU, newer than Go 1.24's Unicode 15.0): code points
// assigned after Unicode 15.0 count as printable here but not in Go. Documented difference.

/** Go unicode.IsSpace. */
export function isSpace(codePoint: number): boolean {
  if (codePoint <= 0xff) {
    return (
      codePoint === 0x20 ||
      (codePoint >= 0x09 && codePoint <= 0x0d) ||
      codePoint === 0x85 ||
      codePoint === 0xa0
    );
  }
  return (
    codePoint === 0x1680 ||
    (codePoint >= 0x2000 && codePoint <= 0x200a) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0x202f ||
    codePoint === 0x205f ||
    codePoint === 0x3000
  );
}

const graphic = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go unicode.IsPrint / strconv.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isPrint(codePoint: number): boolean {
  if (codePoint < 0x80) return codePoint >= 0x20 && codePoint < 0x7f;
  if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return false;
  return graphic.test(String.fromCodePoint(codePoint));
}
