// Glob matching as tidwall/match v1.2.0's MatchLimit (what gjson v1.18.0 calls with 10000 for a wildcard
// key and for `%`/`!%` queries): `*` any run (possibly empty), `?` exactly one character, `\` escapes the
// next pattern character; case-sensitive. The work is capped: every call of the matcher counts one, a
// call is refused once the count exceeds 10000 × len(str) (bytes), and a refused call makes the whole
// answer "no match". A call is made per position a `*` is tried at, after the pattern's literal tail has
// been matched against the string's tail (so `*aaa…b` against a long string is one call, and a search
// that ends in a match never runs out). The calls nest one level per `*` group: they are kept on an
// explicit stack (a pattern of 20000 `*a` is 20000 levels, beyond the JavaScript stack).

const NO_MATCH = 0;
const MATCH = 1;
const STOP = 2;
type Result = typeof NO_MATCH | typeof MATCH | typeof STOP;
/** The matcher calls itself: match(str, pat[1:]) from the `*` at f.pi. */
const CALL = 3;

/** One call of the matcher: str is s[si, se), pat is p[pi, pe). */
interface Call {
  si: number;
  se: number;
  pi: number;
  pe: number;
}

/** True when str matches the glob pattern before the work exceeds maxComplexity × len(str). */
export function matchLimit(str: string, pattern: string, maxComplexity = 10000): boolean {
  if (pattern === '*') return true;
  const s = Array.from(str);
  const p = Array.from(pattern);
  // len(str) in bytes (a lone surrogate, which no decoded JSON string holds, counts as U+FFFD's 3).
  const limit = Buffer.byteLength(str, 'utf8') * maxComplexity;
  let counter = 0;
  // With only ASCII on both sides a character is a UTF-16 unit, and a run of plain pattern characters is
  // compared at once (a long literal tried at each of a long string's positions would be slow one by one).
  const ascii = /^[\x00-\x7f]*$/.test(str) && /^[\x00-\x7f]*$/.test(pattern);
  // plainEnd[i]: where the run of plain characters (not `*`, `?` or `\\`) starting at pattern index i ends.
  const plainEnd = new Int32Array(p.length + 1);
  plainEnd[p.length] = p.length;
  for (let i = p.length - 1; i >= 0; i--) plainEnd[i] = p[i] === '*' || p[i] === '?' || p[i] === '\\' ? i : plainEnd[i + 1];

  /**
   * Whether pattern[from, end) (plain ASCII characters) occurs in str at si. A long literal is looked for
   * once along the whole string with indexOf, which skips ahead, and the positions it occurs at are kept:
   * after a `*` it is tried at every position (`*` then 20000 characters along a 40000-character string
   * took seconds when compared at each one).
   */
  const occurrences = new Map<number, Uint8Array>();
  const literalAt = (from: number, end: number, si: number): boolean => {
    if (end - from < 32) return str.startsWith(pattern.substring(from, end), si);
    const key = from * (p.length + 1) + end;
    let at = occurrences.get(key);
    if (at === undefined) {
      at = new Uint8Array(str.length);
      const literal = pattern.substring(from, end);
      for (let q = str.indexOf(literal); q >= 0; q = str.indexOf(literal, q + 1)) at[q] = 1;
      occurrences.set(key, at);
    }
    return at[si] === 1;
  };

  /**
   * matchTrimSuffix: the pattern's literal tail (up to its last unescaped `*`) against the string's tail,
   * both trimmed by what matched; false when a character differs. c.p[c.pi] is a `*`.
   */
  const trimSuffix = (c: Call): boolean => {
    while (c.se > c.si && c.pe - c.pi > 1) {
      const pc = p[c.pe - 1];
      // An odd number of backslashes before the last character escapes it (and goes with it).
      let backslashes = 0;
      while (p[c.pe - 2 - backslashes] === '\\') backslashes++;
      const escaped = backslashes % 2 === 1;
      if (pc === '*' && !escaped) return true;
      if (!((pc === '?' && !escaped) || pc === s[c.se - 1])) return false;
      c.se--;
      c.pe -= escaped ? 2 : 1;
    }
    return true;
  };

  /** Runs call c from the top (resumed: after its `*` search at c.pi came back without a match). */
  const run = (c: Call, resumed: boolean): Result | typeof CALL => {
    if (resumed) {
      // The `*` takes one more character of the string, and is tried again there.
      if (c.si === c.se) return NO_MATCH;
      c.si++;
    }
    while (c.pi < c.pe) {
      const pc = p[c.pi];
      if (pc === '*') {
        while (c.pe - c.pi > 1 && p[c.pi + 1] === '*') c.pi++;
        if (c.pe - c.pi === 1) return MATCH;
        if (!trimSuffix(c)) return NO_MATCH;
        if (c.pe - c.pi === 1) return MATCH;
        return CALL;
      }
      if (c.si === c.se) return NO_MATCH;
      if (ascii && pc !== '?' && pc !== '\\') {
        const end = Math.min(plainEnd[c.pi], c.pe);
        const n = end - c.pi;
        if (n > 1) {
          if (c.se - c.si < n || !literalAt(c.pi, end, c.si)) return NO_MATCH;
          c.si += n;
          c.pi = end;
          continue;
        }
      }
      if (pc === '\\') {
        c.pi++;
        if (c.pi === c.pe) return NO_MATCH;
        if (s[c.si] !== p[c.pi]) return NO_MATCH;
      } else if (pc !== '?' && s[c.si] !== pc) return NO_MATCH;
      c.si++;
      c.pi++;
    }
    return c.si === c.se ? MATCH : NO_MATCH;
  };

  // The calls waiting on the one that runs; a MATCH or STOP ends them all (each returns it as it is).
  const waiting: Call[] = [];
  let c: Call = { si: 0, se: s.length, pi: 0, pe: p.length };
  let resumed = false;
  for (;;) {
    let r: Result | typeof CALL;
    if (resumed) r = run(c, true);
    else if (counter > limit) r = STOP;
    else {
      counter++;
      r = run(c, false);
    }
    if (r === CALL) {
      waiting.push(c);
      c = { si: c.si, se: c.se, pi: c.pi + 1, pe: c.pe };
      resumed = false;
      continue;
    }
    if (r !== NO_MATCH) return r === MATCH;
    const caller = waiting.pop();
    if (caller === undefined) return false;
    c = caller;
    resumed = true;
  }
}

/** Whether the pattern contains an unescaped wildcard. */
export function isGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '*' || pattern[i] === '?') return true;
  }
  return false;
}
