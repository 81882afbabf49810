// Provider regexes are Go regexps (RE2 through re2js), as coderd compiles them: `.` matches CR and U+2028
// (JavaScript's `.` does not), Go flags like `(?i)` work, and the scenario loader rejects what Go rejects.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioError } from '../scenario/load.ts';
import { call, simFor } from '../test-support.ts';

const TOKEN = '11111111-1111-4111-8111-111111111111';
const EA = '/api/v2/workspaceagents/me/external-auth';

async function providerFor(match: string, regex: string): Promise<number> {
  const sim = await simFor('external-auth-regex');
  for (const p of sim.world.providers) if (p.regex !== undefined) p.regex = '^$never';
  sim.world.providers.find((p) => p.id === 'github')!.regex = regex;
  const a = await call(sim, 'GET', `${EA}?match=${encodeURIComponent(match)}`, { headers: { 'Coder-Session-Token': TOKEN } });
  return a.status;
}

describe('provider regex matching (Go RE2 semantics)', () => {
  it('`.` matches CR and U+2028 but not LF', async () => {
    expect(await providerFor('a\rb', '^a.b$')).toBe(200);
    expect(await providerFor('a\u2028b', '^a.b$')).toBe(200);
    expect(await providerFor('a\nb', '^a.b$')).toBe(404);
    expect(await providerFor('a\nb', '(?s)^a.b$')).toBe(200);
  });
  it('Go flags and classes: (?i), \\pL, \\Q…\\E; unanchored', async () => {
    expect(await providerFor('https://GitHub.com/x', '(?i)github\\.com')).toBe(200);
    expect(await providerFor('xé', '^x\\pL$')).toBe(200);
    expect(await providerFor('a.b', '\\Qa.b\\E')).toBe(200);
    expect(await providerFor('axb', '^\\Qa.b\\E$')).toBe(404);
  });
});

describe('scenario regexes are checked as Go regexps', () => {
  const scratch = (regex: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'regex-'));
    writeFileSync(join(dir, 'a.yaml'), `description: x\nexternalAuth:\n  providers:\n    - id: github\n      type: github\n      regex: '${regex}'\n`);
    return dir;
  };
  const problem = (regex: string): string | undefined => {
    try {
      loadScenario('a', { dir: scratch(regex) });
      return undefined;
    } catch (e) {
      if (e instanceof ScenarioError) return e.message;
      throw e;
    }
  };
  it('accepts Go syntax JavaScript lacks', () => {
    expect(problem('(?i)^github\\.com')).toBeUndefined();
    expect(problem('(?P<host>[a-z]+)\\.com')).toBeUndefined();
  });
  it("rejects what Go rejects, with Go's compile error", () => {
    expect(problem('a(?=b)')).toBe(
      'scenario a.yaml: /externalAuth/providers/0/regex: not a Go regexp (RE2 syntax, as coderd compiles it): error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
    );
    expect(problem('(a)\\1')).toBe(
      'scenario a.yaml: /externalAuth/providers/0/regex: not a Go regexp (RE2 syntax, as coderd compiles it): error parsing regexp: invalid escape sequence: `\\1`',
    );
  });
});
