// Go's unicode.IsSpace and unicode.IsPrint (the predicates strings.TrimSpace and strconv.Quote use).
// IsPrint uses the JS engine's Unicode tables (Node's ICU, Unicode 17) minus the blocks and characters
// that Unicode 15.1–17.0 added wholesale, so it follows Go 1.25/1.26 (Unicode 15.0) there; characters
// added after 15.0 inside older blocks still count as printable here (documented difference).

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

/** Ranges unassigned in Unicode 15.0 (Go's tables) but assigned by 15.1, 16.0 or 17.0. */
const newerThanGo: [number, number][] = [
  [0x2ffc, 0x2fff], [0x31ef, 0x31ef], // 15.1 ideographic description characters
  [0x10940, 0x1095f], // Sidetic (17.0)
  [0x105c0, 0x105ff], // Todhri (16.0)
  [0x10d40, 0x10d8f], // Garay (16.0)
  [0x11380, 0x113ff], // Tulu-Tigalari (16.0)
  [0x116d0, 0x116ff], // Myanmar Extended-C (16.0)
  [0x11b60, 0x11b7f], // Sharada Supplement (17.0)
  [0x11bc0, 0x11bff], // Sunuwar (16.0)
  [0x11db0, 0x11def], // Tolong Siki (17.0)
  [0x13460, 0x143ff], // Egyptian Hieroglyphs Extended-A (16.0)
  [0x16100, 0x1613f], // Gurung Khema (16.0)
  [0x16d40, 0x16d7f], // Kirat Rai (16.0)
  [0x16ea0, 0x16edf], // Beria Erfe (17.0)
  [0x1cc00, 0x1ceff], // Symbols for Legacy Computing Supplement (16.0), Miscellaneous Symbols Supplement (17.0)
  [0x1e5d0, 0x1e5ff], // Ol Onal (16.0)
  [0x1e6c0, 0x1e6ff], // Tai Yo (17.0)
  [0x2ebf0, 0x2ee5f], // CJK Unified Ideographs Extension I (15.1)
  [0x323b0, 0x3347f], // CJK Unified Ideographs Extension J (17.0)
];

function newerThanGoTables(cp: number): boolean {
  for (const [lo, hi] of newerThanGo) if (cp >= lo && cp <= hi) return true;
  return false;
}

/** Go unicode.IsPrint / strconv.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isPrint(codePoint: number): boolean {
  if (codePoint < 0x80) return codePoint >= 0x20 && codePoint < 0x7f;
  if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return false;
  return graphic.test(String.fromCodePoint(codePoint)) && !newerThanGoTables(codePoint);
}
