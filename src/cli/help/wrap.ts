// Word wrapping as mitchellh/go-wordwrap WrapString does it (used by coder's help renderer):
// break at Unicode white space (not NBSP) when a line would exceed `lim` runes, drop the spaces at a
// break (and trailing spaces that would pass the limit), keep existing newlines, never split a word
// (a word of lim runes or more stays whole). Lengths count runes (go-wordwrap v1.0.1).
import { isSpace } from '../../go/index.ts';

const NBSP = 0xa0;

export function wrapString(s: string, lim: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') {
      // Spaces with no word after them are dropped at a newline when they would pass the limit.
      if (word.length > 0 || current + spaceLen <= lim) out += space + word;
      out += ch;
      space = '';
      spaceLen = 0;
      word = '';
      wordLen = 0;
      current = 0;
    } else if (isSpace(cp) && cp !== NBSP) {
      if (space.length === 0 || word.length > 0) {
        current += spaceLen + wordLen;
        out += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        out += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (word.length === 0) {
    if (current + spaceLen <= lim) out += space;
  } else {
    out += space + word;
  }
  return out;
}

/**
 * wrapString with coder's help limit `uint(width − used)`: on a terminal narrower than what is used
 * already, Go's conversion wraps around to a huge limit, so nothing is wrapped and trailing spaces are
 * kept (help/terminal-* cases).
 */
export function wrapToWidth(s: string, width: number, used: number): string {
  const lim = width - used;
  return wrapString(s, lim < 0 ? Number.MAX_SAFE_INTEGER : lim);
}

/** coder's help `indent`: wrap to width−spaces (wrapToWidth), then prefix every line (bufio.Scanner lines) and end each with \n. */
export function indentWrapped(body: string, spaces: number, width: number): string {
  const wrapped = wrapToWidth(body, width, spaces);
  const pad = ' '.repeat(spaces);
  const lines = wrapped.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let out = '';
  for (let line of lines) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    out += pad + line + '\n';
  }
  return out;
}
