// Makes invisible differences visible: tabs as `\t`, carriage returns as `\r`, other control
// characters and bytes that are not valid UTF-8 as `\xNN`, trailing spaces as `·`, each newline as `⏎`, and a missing final newline
// spelled out. Also a small line diff (LCS) for expected/actual texts.

const MAX_DIFF_LINES = 60;
/** Longest line a report shows; a binary may print megabytes on one line. */
export const MAX_LINE_CHARS = 2000;

/** Cuts a rendered line at MAX_LINE_CHARS (never inside a surrogate pair) and says how much is left out. */
export function clipLine(line: string): string {
  if (line.length <= MAX_LINE_CHARS) return line;
  let cut = MAX_LINE_CHARS;
  const u = line.charCodeAt(cut - 1);
  if (u >= 0xd800 && u <= 0xdbff) cut--;
  return `${line.slice(0, cut)}… [${line.length - cut} more characters on this line]`;
}

function visibleLine(line: string): string {
  const m = /( +)$/.exec(line);
  const body = m ? line.slice(0, -m[1].length) : line;
  const escaped = body.replace(/[\u0000-\u0008\u000b-\u001f\u007f\t\r\u{dc80}-\u{dcff}]/gu, (c) => {
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    const u = c.charCodeAt(0);
    // A byte that is not valid UTF-8 (decoded as U+DC80+byte by process.ts) shows as itself.
    return `\\x${(u >= 0xdc80 ? u - 0xdc00 : u).toString(16).padStart(2, '0')}`;
  });
  return escaped + (m ? '·'.repeat(m[1].length) : '');
}

/** Splits into lines, each rendered visibly and ending in `⏎` when a newline followed it. */
export function visibleLines(text: string): string[] {
  if (text === '') return ['(empty)'];
  const parts = text.split('\n');
  const out: string[] = [];
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    if (last && p === '') return;
    out.push(visibleLine(p) + (last ? ' [no final newline]' : '⏎'));
  });
  return out;
}

export function visible(text: string): string {
  return visibleLines(text).map(clipLine).join('\n');
}

/** Line diff of two texts: `- expected`, `+ actual`, `  same`. Capped at 60 lines. */
export function diffTexts(expected: string, actual: string): string {
  const a = visibleLines(expected);
  const b = visibleLines(actual);
  if (a.length * b.length > 4_000_000) {
    return `(texts too large to diff: expected ${expected.length} chars, got ${actual.length})`;
  }
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const lines: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      lines.push(`  ${clipLine(a[i])}`);
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      lines.push(`- ${clipLine(a[i])}`);
      i++;
    } else {
      lines.push(`+ ${clipLine(b[j])}`);
      j++;
    }
  }
  if (lines.length > MAX_DIFF_LINES) {
    return [...lines.slice(0, MAX_DIFF_LINES), `… ${lines.length - MAX_DIFF_LINES} more diff lines`].join('\n');
  }
  return lines.join('\n');
}
