// coder's help newlineLimiter: drops every newline beyond `limit` consecutive ones; only non-space
// characters reset the count (spaces and tabs between newlines do not).
import { isSpace } from '../../go/index.ts';

export function limitNewlines(s: string, limit = 2): string {
  let out = '';
  let count = 0;
  for (const ch of s) {
    if (ch === '\n') {
      count++;
      if (count > limit) continue;
    } else if (!isSpace(ch.codePointAt(0)!)) {
      count = 0;
    }
    out += ch;
  }
  return out;
}
