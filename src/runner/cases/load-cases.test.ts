// Loading cases: the real suite validates against the published schema, and bad files get
// errors that name the file, the case and the field.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { idFromPath, loadCaseFile, loadCases } from './load-cases.ts';
import { paths } from '../root.ts';
import { CLOUDS } from '../../openapi/index.ts';
import { caseAppliesTo } from '../types.ts';

const dir = mkdtempSync(join(tmpdir(), 'runner-cases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` at `rel` under `root`, creating folders. */
function put(root: string, rel: string, text: string): string {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const GOOD = `id: a/b
title: t
level: core
since: pr24325
scenario: external-auth
args: [external-auth, access-token, github]
expect: { exit: 0, stdout: x }
`;

describe('the conformance suite', () => {
  const cases = loadCases();
  it('has at least 80 valid cases with unique ids, strict ones explaining why', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases.filter((x) => x.level === 'strict')) expect(c.strict_reason, c.id).toBeTruthy();
  });
  it('keeps one case per file, at cases/<id>.yaml', () => {
    const casesDir = paths.casesDir();
    for (const c of cases) expect(relative(casesDir, c.file).split(sep).join('/'), c.id).toBe(`${c.id}.yaml`);
  });
  it('covers every profile, both levels and the three clouds', () => {
    for (const p of ['pr24325', 'pr26883', 'pre-agent-name'] as const) expect(cases.filter((c) => caseAppliesTo(c, p)).length, p).toBeGreaterThan(40);
    expect(cases.filter((c) => c.level === 'core').length).toBeGreaterThan(60);
    for (const cloud of CLOUDS) {
      for (const kind of [
        'single-agent',
        'multi-agent/no-name',
        'name/flag',
        'name/unknown',
        'name/whitespace',
        'name/unicode-space',
        'sub-agent',
        'stale-build/pr24325',
      ]) {
        expect(
          cases.some((c) => c.id === `${cloud}/${kind}`),
          `${cloud}/${kind}`,
        ).toBe(true);
      }
    }
  });
});

describe('case file errors', () => {
  it('loads a single-case file and a defaults+cases file', () => {
    expect(loadCaseFile(file('one.yaml', GOOD)).map((c) => [c.id, c.env])).toEqual([['a/b', {}]]);
    const many = loadCaseFile(
      file(
        'many.yaml',
        `defaults: { level: core, since: pr26883, scenario: external-auth, env: { A: "1" }, expect: { exit: 1 } }
cases:
  - { id: x, title: t, args: [], env: { B: null }, expect: { stdout: "" } }
`,
      ),
    );
    expect(many[0].env).toEqual({ A: '1', B: null });
    expect(many[0].expect).toEqual({ exit: 1, stdout: '' });
  });
  it('names the file, case and field', () => {
    expect(() => loadCaseFile(file('bad1.yaml', GOOD.replace('exit: 0', 'exit: "0"')))).toThrow(
      /bad1\.yaml: case "a\/b": field \/expect\/exit: must be integer/,
    );
    expect(() => loadCaseFile(file('bad2.yaml', GOOD.replace('title: t\n', 'title: t\nflavour: x\n')))).toThrow(
      /bad2\.yaml: case "a\/b": field \(top level\): unknown field "flavour"/,
    );
    expect(() => loadCaseFile(file('bad3.yaml', GOOD.replace('level: core', 'level: strict')))).toThrow(
      /bad3\.yaml: case "a\/b": field \(top level\): missing required field "strict_reason"/,
    );
    expect(() => loadCaseFile(file('bad4.yaml', GOOD.replace('stdout: x', 'stderr: x')))).toThrow(
      /bad4\.yaml: case "a\/b": field \/expect: a core case may not have an exact "stderr"/,
    );
    expect(() => loadCaseFile(file('bad5.yaml', GOOD.replace('since: pr24325', 'since: pr99999')))).toThrow(
      /field \/since: must be one of \["pre-agent-name","pr24325","pr25443","pr26883"\]/,
    );
    expect(() => loadCaseFile(file('bad5b.yaml', GOOD.replace('since: pr24325', 'revisions: [pr24325]')))).toThrow(
      /field \(top level\): unknown field "revisions"/,
    );
    expect(() => loadCaseFile(file('bad6.yaml', 'id: [unclosed'))).toThrow(/bad6\.yaml: invalid YAML: /);
    expect(() => loadCaseFile(file('bad7.yaml', GOOD.replace('stdout: x', 'stdout_golden: nope.golden')))).toThrow(
      /bad7\.yaml: case "a\/b": field \/expect\/stdout_golden: file not found: .*nope\.golden/,
    );
    expect(() => loadCaseFile(file('bad8.yaml', GOOD.replace('stdout: x', 'stderr_contains: [x], stderr_matches: ["("]')))).toThrow(
      /field \/expect\/stderr_matches: invalid regular expression "\("/,
    );
    expect(() =>
      loadCaseFile(file('bad9.yaml', GOOD.replace('stdout: x', 'requests: [{ operation: getWorkspaceAgentExternalAuth, body_matches: "[x" }]'))),
    ).toThrow(/field \/expect\/requests\/0\/body_matches: invalid regular expression "\[x"/);
    // A misspelt operation would make `count: 0` hold vacuously, so it is refused (requests and faults).
    expect(() => loadCaseFile(file('bad10.yaml', GOOD.replace('stdout: x', 'requests: [{ operation: authAzureInstanceIdentiy, count: 0 }]')))).toThrow(
      /bad10\.yaml: case "a\/b": field \/expect\/requests\/0\/operation: must be one of \["authAwsInstanceIdentity",/,
    );
    expect(() => loadCaseFile(file('bad11.yaml', GOOD.replace('expect:', 'faults: [{ operation: awsPutTokens, status: 500 }]\nexpect:')))).toThrow(
      /bad11\.yaml: case "a\/b": field \/faults\/0\/operation: must be one of /,
    );
    expect(() => loadCaseFile(file('bad13.yaml', GOOD.replace('expect:', 'timeout_ms: 3000000000\nexpect:')))).toThrow(
      /bad13\.yaml: case "a\/b": field \/timeout_ms: must be <= 2147483647/,
    );
    expect(() => loadCaseFile(file('bad12.yaml', GOOD.replace('scenario: external-auth', 'scenario: external-authh')))).toThrow(
      'bad12.yaml: case "a/b": field /scenario: scenario external-authh.yaml: (root): no such scenario file',
    );
  });
  it('rejects duplicate ids across files', () => {
    const d = mkdtempSync(join(dir, 'dup-'));
    put(d, 'a/b.yaml', GOOD);
    put(d, 'b.yaml', `cases:\n  - ${JSON.stringify(parseYaml(GOOD))}\n`);
    expect(() => loadCases(d)).toThrow(/b\.yaml: case "a\/b": field \/id: duplicate id \(also in .*a\/b\.yaml\)/);
    const e = mkdtempSync(join(dir, 'dup-'));
    put(e, 'a/b.yaml', GOOD);
    put(e, 'a/b.yml', GOOD);
    expect(() => loadCases(e)).toThrow(/b\.yml: case "a\/b": field \/id: duplicate id \(also in .*a\/b\.yaml\)/);
  });
});

describe('a one-case file is named after its id', () => {
  it('loads cases at <id>.yaml or <id>.yml, at any depth, and defaults+cases files with any ids', () => {
    const d = mkdtempSync(join(dir, 'layout-'));
    put(d, 'a/b.yaml', GOOD);
    put(d, 'top.yml', GOOD.replace('id: a/b', 'id: top'));
    put(d, 'x/y/z/deep.yaml', GOOD.replace('id: a/b', 'id: x/y/z/deep'));
    put(
      d,
      'group/mine.yaml',
      `defaults: { level: core, until: pr24325, scenario: external-auth, args: [], expect: { exit: 0 } }
cases:
  - { id: anything/one, title: t }
  - { id: other, title: t }
`,
    );
    expect(loadCases(d).map((c) => c.id)).toEqual(['a/b', 'anything/one', 'other', 'top', 'x/y/z/deep']);
  });
  it('names the file, the id and the path when they differ', () => {
    const d = mkdtempSync(join(dir, 'layout-'));
    put(d, 'a/c.yaml', GOOD);
    expect(() => loadCases(d)).toThrow(
      /a\/c\.yaml: case "a\/b": field \/id: id "a\/b" does not match the file's path under the cases folder, "a\/c" \(a one-case file must be named <id>\.yaml\)/,
    );
    const flat = mkdtempSync(join(dir, 'layout-'));
    put(flat, 'b.yaml', GOOD);
    expect(() => loadCases(flat)).toThrow(/b\.yaml: case "a\/b": field \/id: id "a\/b" does not match the file's path under the cases folder, "b"/);
  });
  it('is checked by loadCases (which knows the folder) and by loadCaseFile given a root', () => {
    const d = mkdtempSync(join(dir, 'layout-'));
    const p = put(d, 'a/c.yaml', GOOD);
    expect(loadCaseFile(p).map((c) => c.id)).toEqual(['a/b']);
    expect(() => loadCaseFile(p, { root: d })).toThrow(/field \/id: id "a\/b" does not match .* "a\/c"/);
    expect(idFromPath(d, join(d, 'aws', 'multi-agent', 'no-name.yaml'))).toBe('aws/multi-agent/no-name');
  });
});

describe('a case set loaded again in the same process', () => {
  const GOLDEN_CASE = GOOD.replace('id: a/b', 'id: a/g').replace('stdout: x', 'stdout_golden: goldens/g.golden');

  it('is an equal copy of its own: changing one load does not change the next', () => {
    const root = mkdtempSync(join(dir, 'again-'));
    put(root, 'a/b.yaml', GOOD);
    const first = loadCases(root);
    const second = loadCases(root);
    expect(second).toEqual(first);
    second[0].title = 'changed';
    second[0].args.push('--extra');
    expect(loadCases(root)).toEqual(first);
  });

  it('reads every change of the folder: a case edited, added or removed, a golden removed', () => {
    const root = mkdtempSync(join(dir, 'edits-'));
    put(root, 'a/b.yaml', GOOD);
    put(root, 'a/g.yaml', GOLDEN_CASE);
    put(root, 'goldens/g.golden', 'x');
    expect(loadCases(root).map((c) => [c.id, c.title])).toEqual([
      ['a/b', 't'],
      ['a/g', 't'],
    ]);
    put(root, 'a/b.yaml', GOOD.replace('title: t', 'title: u'));
    expect(loadCases(root).map((c) => c.title)).toEqual(['u', 't']);
    put(root, 'a/c.yaml', GOOD.replace('id: a/b', 'id: a/c'));
    expect(loadCases(root).map((c) => c.id)).toEqual(['a/b', 'a/c', 'a/g']);
    rmSync(join(root, 'a/c.yaml'));
    expect(loadCases(root).map((c) => c.id)).toEqual(['a/b', 'a/g']);
    rmSync(join(root, 'goldens/g.golden'));
    expect(() => loadCases(root)).toThrow(/field \/expect\/stdout_golden: file not found/);
    expect(loadCases(root, { allowMissingGoldens: true }).map((c) => c.id)).toEqual(['a/b', 'a/g']);
  });
});

describe('the published schema', () => {
  it("lists exactly openapi.yaml's operationIds for `operation`", async () => {
    const { operations } = await import('../../openapi/index.ts');
    const schema = JSON.parse(readFileSync(paths.schema(), 'utf8')) as { $defs: { operation: { enum: string[] } } };
    expect([...schema.$defs.operation.enum].sort()).toEqual(operations.map((o) => o.operationId).sort());
  });
});
