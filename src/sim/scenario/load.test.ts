// Scenario loading: every fixture validates, `extends` merges (lists replaced), and bad files get
// errors naming the file, the JSON pointer and the problem.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, scenariosDir, ScenarioError } from './load.ts';

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function errorOf(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('fixtures/scenarios', () => {
  const names = readdirSync(scenariosDir())
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5));

  it('has the fixed scenario set', () => {
    const expected = [
      'external-auth',
      'external-auth-no-providers',
      'external-auth-regex',
      'gcp-expired-token',
      'gcp-bad-claims',
      'stop-build',
      'external-auth-refresh',
      'azure-wrong-cn',
      'azure-expired-signer',
      'azure-unknown-authority',
      'azure-tampered-content',
      'gcp-wrong-key-id',
      'gcp-wrong-algorithm',
    ];
    for (const c of ['aws', 'azure', 'gcp']) {
      for (const s of [
        'single-agent',
        'multi-agent',
        'duplicate-names',
        'sub-agent',
        'template-import',
        'stale-build',
        'stale-only',
        'deleted-agent',
        'deleted-workspace',
        'unknown-instance',
      ]) {
        expected.push(`${c}-${s}`);
      }
    }
    expect(names.sort()).toEqual(expected.sort());
  });

  it.each(names)('%s loads and validates', (name) => {
    const s = loadScenario(name);
    expect(s.name).toBe(name);
    expect(s.description.length).toBeGreaterThan(0);
  });

  it('cloud scenarios inherit the providers and token auth of external-auth', () => {
    const s = loadScenario('aws-multi-agent');
    expect(s.externalAuth?.providers?.map((p) => p.id)).toEqual(['github', 'slack', 'gitlab', 'bitbucket', 'jira', 'expiring', 'nullextra']);
    expect(s.agentTokenAuth).toBe('11111111-1111-4111-8111-111111111111');
    expect(s.machine).toEqual({
      aws: { instanceId: 'i-0123456789abcdef0' },
      azure: { vmId: '02aab8a4-74ef-476e-8182-f6d2ba4166a6' },
      gcp: { instanceId: '5915414316487305842' },
    });
  });

  it('deep-merges objects and replaces lists', () => {
    const s = loadScenario('gcp-expired-token');
    expect(s.machine?.gcp).toEqual({ instanceId: '5915414316487305842', expired: true });
    const u = loadScenario('aws-unknown-instance');
    expect((u.machine?.aws as { instanceId: string } | undefined)?.instanceId).toBe('i-0fedcba9876543210');
    expect(loadScenario('external-auth-no-providers').externalAuth?.providers).toEqual([]);
  });

  it('keeps the slack extra exactly (numbers, -0, null, unicode)', () => {
    const slack = loadScenario('external-auth').externalAuth!.providers!.find((p) => p.id === 'slack')!;
    const extra = slack.link!.extra as Record<string, unknown>;
    expect(extra.big).toBe(12345678901234567890);
    expect(extra.tiny).toBe(1e-7);
    expect(Object.is(extra.neg0, -0)).toBe(true);
    expect(extra.null).toBeNull();
    expect(extra.unicode).toBe('caf\u00e9 \u2028');
    expect(extra['fav.movie']).toBe('Deer Hunter');
    expect(extra.team).toEqual({ id: 'T1', name: 'A&B <Team>' });
    const nullextra = loadScenario('external-auth').externalAuth!.providers!.find((p) => p.id === 'nullextra')!;
    expect(nullextra.link).toHaveProperty('extra', null);
  });
});

describe('scenario errors', () => {
  it('unknown scenario name', () => {
    const e = errorOf(() => loadScenario('no-such-scenario'));
    expect(e.message).toBe('scenario no-such-scenario.yaml: (root): no such scenario file');
  });

  it('invalid scenario name', () => {
    expect(errorOf(() => loadScenario('Bad Name')).message).toBe('scenario Bad Name: (root): invalid scenario name (lower-case letters, digits and dashes)');
  });

  it('unknown field, with its pointer', () => {
    const dir = scratch({ 'a.yaml': 'description: x\nworkspaces:\n  - name: w\n    builds:\n      - number: 1\n        resources: []\n        colour: red\n' });
    expect(errorOf(() => loadScenario('a', { dir })).message).toBe('scenario a.yaml: /workspaces/0/builds/0/colour: unknown field');
  });

  it('missing required field', () => {
    const dir = scratch({ 'a.yaml': 'description: x\nexternalAuth:\n  providers:\n    - id: github\n' });
    expect(errorOf(() => loadScenario('a', { dir })).message).toBe('scenario a.yaml: /externalAuth/providers/0/type: required field is missing');
  });

  it('bad enum value', () => {
    const dir = scratch({ 'a.yaml': 'description: x\nrevision: pr1\n' });
    expect(errorOf(() => loadScenario('a', { dir })).message).toBe(
      'scenario a.yaml: /revision: must be one of "pre-agent-name", "pr24325", "pr25443", "pr26883"',
    );
  });

  it('bad token (not a UUID)', () => {
    const dir = scratch({ 'a.yaml': 'description: x\nagentTokenAuth: nope\n' });
    expect(errorOf(() => loadScenario('a', { dir })).problem).toMatch(/^must match pattern/);
    expect(errorOf(() => loadScenario('a', { dir })).pointer).toBe('/agentTokenAuth');
  });

  it('machine section is validated with the cloud schema', () => {
    const dir = scratch({ 'a.yaml': 'description: x\nmachine:\n  aws: {}\n' });
    expect(errorOf(() => loadScenario('a', { dir })).message).toBe('scenario a.yaml: /machine/aws/instanceId: required field is missing');
  });

  it('fault needs a target and an effect', () => {
    const dir = scratch({
      'a.yaml': 'description: x\nfaults:\n  - operation: awsPutToken\n    path: /x\n    status: 500\n',
      'b.yaml': 'description: x\nfaults:\n  - operation: awsPutToken\n',
    });
    const want =
      'a fault needs either `operation` or `method`+`path` (not both), and at least one of status, reset, rst, raw, delayMs (reset, rst and raw go without status and without each other; truncate needs status)';
    expect(errorOf(() => loadScenario('a', { dir })).message).toBe(`scenario a.yaml: /faults/0: ${want}`);
    expect(errorOf(() => loadScenario('b', { dir })).message).toBe(`scenario b.yaml: /faults/0: ${want}`);
  });

  it('invalid YAML', () => {
    const dir = scratch({ 'a.yaml': 'description: [x\n' });
    expect(errorOf(() => loadScenario('a', { dir })).message).toMatch(/^scenario a\.yaml: \(root\): invalid YAML: /);
  });

  it('top level must be a mapping', () => {
    const dir = scratch({ 'a.yaml': '- 1\n' });
    expect(errorOf(() => loadScenario('a', { dir })).message).toBe('scenario a.yaml: (root): must be a YAML mapping');
  });

  it('errors in a base file name the base file', () => {
    const dir = scratch({ 'base.yaml': 'description: b\nbogus: 1\n', 'child.yaml': 'description: c\nextends: base\n' });
    expect(errorOf(() => loadScenario('child', { dir })).message).toBe('scenario base.yaml: /bogus: unknown field');
  });

  it('unknown base scenario', () => {
    const dir = scratch({ 'child.yaml': 'description: c\nextends: nowhere\n' });
    expect(errorOf(() => loadScenario('child', { dir })).message).toBe('scenario child.yaml: /extends: unknown base scenario "nowhere"');
  });

  it('extends cycle', () => {
    const dir = scratch({ 'a.yaml': 'description: a\nextends: b\n', 'b.yaml': 'description: b\nextends: a\n' });
    expect(errorOf(() => loadScenario('a', { dir })).message).toBe('scenario a.yaml: /extends: extends cycle: a.yaml -> b.yaml -> a.yaml');
  });

  it('sub-agent parent must exist in the resource', () => {
    const dir = scratch({
      'a.yaml': [
        'description: x',
        'workspaces:',
        '  - name: w',
        '    builds:',
        '      - number: 1',
        '        resources:',
        '          - name: r',
        '            agents:',
        '              - { name: sub, parent: dev, token: e0000000-0000-4000-8000-000000000001 }',
        '',
      ].join('\n'),
    });
    expect(errorOf(() => loadScenario('a', { dir })).message).toBe(
      'scenario a.yaml: /workspaces/0/builds/0/resources/0/agents/0/parent: no agent named "dev" in this resource',
    );
  });

  it('duplicate agent tokens and build numbers', () => {
    const agent = (t: string) => `              - { name: a, token: ${t} }`;
    const dir = scratch({
      'a.yaml': [
        'description: x',
        'workspaces:',
        '  - name: w',
        '    builds:',
        '      - number: 1',
        '        resources:',
        '          - name: r',
        '            agents:',
        agent('d0000000-0000-4000-8000-000000000001'),
        agent('D0000000-0000-4000-8000-000000000001'),
        '',
      ].join('\n'),
      'b.yaml': [
        'description: x',
        'workspaces:',
        '  - name: w',
        '    builds:',
        '      - { number: 1, resources: [] }',
        '      - { number: 1, resources: [] }',
        '',
      ].join('\n'),
    });
    expect(errorOf(() => loadScenario('a', { dir })).message).toBe(
      'scenario a.yaml: /workspaces/0/builds/0/resources/0/agents/1/token: duplicate agent token (also at /workspaces/0/builds/0/resources/0/agents/0/token)',
    );
    expect(errorOf(() => loadScenario('b', { dir })).message).toBe('scenario b.yaml: /workspaces/0/builds/1/number: duplicate build number 1');
  });

  it('loads by path too', () => {
    const dir = scratch({ 'mine.yaml': 'description: mine\nextends: base\n', 'base.yaml': 'description: base\nrevision: pr26883\n' });
    const s = loadScenario(join(dir, 'mine.yaml'));
    expect(s).toEqual({ name: 'mine', description: 'mine', revision: 'pr26883' });
  });
});
