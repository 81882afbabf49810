// Go strings.TrimSpace: strips leading and trailing Unicode white space (unicode.IsSpace).
import { isSpace } from './unicode.ts';

/** Go strings.TrimSpace. Lone surrogates are not space and are kept. */
export function trimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}
