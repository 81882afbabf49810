// Checks (and prepares) `--out FILE` before any case runs, so a typo does not throw away a whole
// run: missing directories are created one level at a time. Node's recursive mkdirSync loops
// forever where mkdir answers ENOENT for an existing parent (`--out /proc/nope/r.xml`); here every
// failure is one line naming the path and the errno code.
import { accessSync, constants, mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

function code(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

function statOrMissing(p: string): Stats | 'missing' {
  try {
    return statSync(p);
  } catch (err) {
    // ENOTDIR: a file on the way; walking up finds it and names it.
    if (code(err) === 'ENOENT' || code(err) === 'ENOTDIR') return 'missing';
    throw err;
  }
}

/** Returns the problem with `out` as a report path (one line), or undefined once it is writable. */
export function prepareReportPath(out: string): string | undefined {
  const cannot = (why: string) => `cannot write the report to ${out}: ${why}`;
  const dir = dirname(resolve(out));
  try {
    // The nearest existing ancestor, and the directories to create below it (outermost first).
    const missing: string[] = [];
    let existing = dir;
    for (;;) {
      const st = statOrMissing(existing);
      if (st !== 'missing') {
        if (!st.isDirectory()) return cannot(`${existing} is not a directory`);
        break;
      }
      missing.unshift(existing);
      const up = dirname(existing);
      if (up === existing) return cannot(`${existing} does not exist`);
      existing = up;
    }
    for (const d of missing) {
      try {
        mkdirSync(d);
      } catch (err) {
        if (code(err) !== 'EEXIST') return cannot(`cannot create ${d}: ${code(err)}`);
      }
    }
    accessSync(dir, constants.W_OK);
    const target = statOrMissing(out);
    if (target !== 'missing' && target.isDirectory()) return `--out ${out} is a directory`;
    if (target !== 'missing') accessSync(out, constants.W_OK);
  } catch (err) {
    return cannot(code(err));
  }
  return undefined;
}
