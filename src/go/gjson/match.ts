// Glob matching as tidwall/match MatchLimit: `*` any run (possibly empty), `?` exactly one UTF-8
// character, `\` escapes the next pattern character; case-sensitive. The work is capped (gjson passes
// 10000): when the cap is exceeded the answer is "no match".

/** True when str matches the glob pattern within maxComplexity × (len(str)+1) steps. */
export function matchLimit(str: string, pattern: string, maxComplexity = 10000): boolean {
  const s = Array.from(str);
  const p = Array.from(pattern);
  const limit = maxComplexity * (s.length + 1);
  let steps = 0;
  const memo = new Map<number, boolean>();
  const rec = (si: number, pi: number): boolean => {
    const key = si * (p.length + 1) + pi;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let result: boolean;
    for (;;) {
      if (++steps > limit) throw new LimitExceeded();
      if (pi === p.length) {
        result = si === s.length;
        break;
      }
      const pc = p[pi];
      if (pc === '*') {
        while (pi + 1 < p.length && p[pi + 1] === '*') pi++;
        if (pi + 1 === p.length) {
          result = true;
          break;
        }
        result = false;
        for (let k = si; k <= s.length; k++) {
          if (rec(k, pi + 1)) {
            result = true;
            break;
          }
        }
        break;
      }
      if (si === s.length) {
        result = false;
        break;
      }
      if (pc === '?') {
        si++;
        pi++;
        continue;
      }
      let lit = pc;
      if (pc === '\\') {
        pi++;
        if (pi === p.length) {
          result = false;
          break;
        }
        lit = p[pi];
      }
      if (s[si] !== lit) {
        result = false;
        break;
      }
      si++;
      pi++;
    }
    memo.set(key, result);
    return result;
  };
  try {
    return rec(0, 0);
  } catch (e) {
    if (e instanceof LimitExceeded) return false;
    throw e;
  }
}

class LimitExceeded extends Error {}

/** Whether the pattern contains an unescaped wildcard. */
export function isGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '*' || pattern[i] === '?') return true;
  }
  return false;
}
