// Go's unicode.IsSpace and unicode.IsPrint (the predicates strings.TrimSpace and strconv.Quote use), from
// tables generated out of the Unicode 15.0.0 database (unicode-tables.ts; Go 1.21–1.26 use 15.0.0).
import { PRINT_RANGES, SPACE_RANGES } from './unicode-tables.ts';

/** Whether cp is in a flat list of inclusive [lo, hi] pairs sorted ascending (binary search). */
export function inRanges(ranges: readonly number[], cp: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[2 * mid]) hi = mid - 1;
    else if (cp > ranges[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Go unicode.IsSpace. */
export function isSpace(codePoint: number): boolean {
  return inRanges(SPACE_RANGES, codePoint);
}

/** A RegExp character class (its source, `[...]`) matching exactly the code points of unicode.IsSpace (all in the BMP). */
export function spaceClass(): string {
  const hex = (cp: number) => `\\u${cp.toString(16).padStart(4, '0')}`;
  let body = '';
  for (let k = 0; k < SPACE_RANGES.length; k += 2) {
    const [lo, hi] = [SPACE_RANGES[k], SPACE_RANGES[k + 1]];
    body += lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`;
  }
  return `[${body}]`;
}

/** Go unicode.IsPrint / strconv.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isPrint(codePoint: number): boolean {
  return inRanges(PRINT_RANGES, codePoint);
}
