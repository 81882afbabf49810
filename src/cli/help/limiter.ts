// coder's help newlineLimiter: drops every newline beyond `limit` consecutive ones; only non-space
// characters reset the count (spaces and tabs between newlines do not).
// Done per run of white space (unicode.IsSpace) that holds a newline, with one regular expression: a
// loop over every character costs ~1 ms of a cold start's help (bench/cold-start.bench.mjs).
import { spaceClass } from '../../go/index.ts';

export function limitNewlines(s: string, limit = 2): string {
  const space = spaceClass();
  return s.replace(new RegExp(`${space}*\\n${space}*`, 'g'), (run) => {
    let count = 0;
    return run.replace(/\n/g, () => (++count > limit ? '' : '\n'));
  });
}
