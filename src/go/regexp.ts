// Go regexp (RE2 syntax, regexp.Compile + MatchString, unanchored) through re2js, the JavaScript port of
// RE2: `.` matches everything but `\n` (CR and U+2028 too), Go flags such as `(?i)` and `(?s)`, `\pL`,
// `(?P<name>…)`, `\Q…\E`; lookaround and backreferences are syntax errors, with Go's error text
// (`error parsing regexp: invalid or unsupported Perl syntax: `(?=``).
import { RE2JS } from 're2js';

export type GoRegexp = { ok: true; matchString(s: string): boolean } | { ok: false; error: string };

const cache = new Map<string, GoRegexp>();

/** regexp.Compile(pattern): a matcher, or Go's compile error text. Results are cached by pattern. */
export function goRegexpCompile(pattern: string): GoRegexp {
  let r = cache.get(pattern);
  if (r) return r;
  try {
    const re = RE2JS.compile(pattern);
    r = { ok: true, matchString: (s: string) => re.matcher(s).find() };
  } catch (e) {
    r = { ok: false, error: goErrorText(pattern, e instanceof Error ? e.message : String(e)) };
  }
  cache.set(pattern, r);
  return r;
}

const DUPLICATE = 'error parsing regexp: duplicate capture group name: ';

/** re2js's error text as Go 1.26 words it. */
function goErrorText(pattern: string, message: string): string {
  // Go quotes the (empty) rest of the expression after a trailing backslash.
  if (message === 'error parsing regexp: trailing backslash at end of expression') return message + ': ``';
  // Go reports a duplicate group name only when the expression has no other syntax error: rename the
  // repeated names (same length, so positions hold) and report the error that remains, if any.
  if (message.startsWith(DUPLICATE)) {
    let k = 0;
    const renamed = pattern.replace(
      /\(\?(P?)<([A-Za-z0-9_]+)>/g,
      (_m, p: string, name: string) => `(?${p}<${String(k++).padStart(name.length, '0').slice(-name.length)}>`,
    );
    if (new Set([...renamed.matchAll(/\(\?P?<([A-Za-z0-9_]+)>/g)].map((m) => m[1])).size === k) {
      try {
        RE2JS.compile(renamed);
      } catch (e) {
        const other = e instanceof Error ? e.message : String(e);
        if (!other.startsWith(DUPLICATE)) {
          // Map the quoted fragment back to the original text at the same position.
          const m = /^(.*: `)(.*)`$/s.exec(other);
          if (m && renamed.includes(m[2])) {
            const at = renamed.indexOf(m[2]);
            return goErrorText(pattern, `${m[1]}${pattern.slice(at, at + m[2].length)}\``);
          }
          return goErrorText(pattern, other);
        }
      }
    }
  }
  return message;
}
