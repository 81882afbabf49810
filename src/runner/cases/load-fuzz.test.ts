// The scenario and case loaders on arbitrary YAML (fast-check: fixed seed in `npm test`, random
// and 20x in `npm run fuzz`): mutations of real files (a field replaced by any value, removed, or
// an unknown one added), arbitrary values, and raw text full of YAML syntax (anchors, aliases, tags,
// merge keys, flow collections). Each either loads or throws the loader's own error naming the
// file and the field (JSON pointer) or "invalid YAML" — never a TypeError, never a stack trace.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ScenarioError, loadScenario, scenariosDir } from '../../sim/index.ts';
import { runs } from '../../testing/properties.ts';
import { CaseLoadError, loadCaseFile } from './load-cases.ts';
import { paths } from '../root.ts';

const dir = mkdtempSync(join(tmpdir(), 'load-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every JSON pointer path (as key lists) inside a value. */
function pathsOf(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...at, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...at, k]));
  return out;
}

type Edit = { kind: 'set'; value: Json } | { kind: 'delete' } | { kind: 'add'; key: string; value: Json };

function edit(doc: Json, path: (string | number)[], e: Edit): Json {
  const copy = structuredClone(doc);
  if (path.length === 0) return e.kind === 'set' ? e.value : copy;
  let parent: Json = copy;
  for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[k];
  const last = path[path.length - 1];
  const p = parent as Record<string | number, Json> & Json[];
  if (e.kind === 'set') p[last] = e.value;
  else if (e.kind === 'delete') Array.isArray(p) ? p.splice(Number(last), 1) : delete p[last];
  else if (typeof p[last] === 'object' && p[last] !== null && !Array.isArray(p[last])) (p[last] as Record<string, Json>)[e.key] = e.value;
  return copy;
}

const weird = fc.constantFrom<Json>(
  '',
  ' ',
  '*',
  '(',
  '[',
  '\\',
  '~',
  'null',
  '-1',
  '1e400',
  'NaN',
  '\u0000',
  '\ud800',
  '../../etc/passwd',
  'x'.repeat(5000),
  -1,
  0,
  1.5,
  2 ** 53,
  1e308,
  true,
  false,
  null,
  [],
  {},
  [null],
  { '': null },
);
const value: fc.Arbitrary<Json> = fc.oneof(weird, fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>);
const anEdit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: value.map((v) => ({ kind: 'set' as const, value: v })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), value).map(([key, v]) => ({ kind: 'add' as const, key, value: v })) },
);

const yamlish = fc
  .array(
    fc.constantFrom(
      'a',
      'id',
      'expect',
      'scenario',
      'workspaces',
      ':',
      ': ',
      '- ',
      '\n',
      '  ',
      '&x ',
      '*x',
      '!!binary ',
      '!!str ',
      '!tag ',
      '<<: *x',
      '{',
      '}',
      '[',
      ']',
      ',',
      '"',
      "'",
      '#',
      '|',
      '>',
      '? ',
      '---\n',
      '...\n',
      '%YAML 1.2\n',
      '\t',
      '1',
      'null',
      '~',
      'é',
      '\ufeff',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

function fileWith(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

/** A loader error is one of ours, names the file and a field or the YAML problem, and carries no stack trace. */
function checkError(err: unknown, ours: (e: unknown) => boolean, file: string): void {
  if (!ours(err)) throw new Error(`not a loader error: ${(err as Error)?.stack ?? String(err)}`);
  const m = (err as Error).message;
  if (!m.includes(file)) throw new Error(`error does not name the file ${file}: ${m}`);
  if (!/field \/|field \(top level\)|^scenario .+?: (\(root\)|\/.*?): |invalid YAML|expected a case/.test(m)) throw new Error(`error names no field: ${m}`);
  if (/\n\s+at .+:\d+:\d+\)?$/m.test(m)) throw new Error(`stack trace in the message: ${m}`);
}

/** The two properties both loaders share: a real file with one field edited, and arbitrary YAML. */
function editsAndArbitraryText(kind: string, base: Json, run: (text: string) => void): void {
  it(`a real ${kind} with one field replaced, removed or added`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...pathsOf(base)), anEdit, (p, e) => run(stringify(edit(base, p, e)))),
      { numRuns: runs(300) },
    );
  });
  it('arbitrary values and raw YAML-like text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          value.map((v) => stringify(v)),
          yamlish,
        ),
        run,
      ),
      { numRuns: runs(300) },
    );
  });
}

describe('case loader on arbitrary YAML', () => {
  const base = parse(readFileSync(join(paths.casesDir(), 'aws', 'name', 'whitespace.yaml'), 'utf8')) as Json;
  const run = (text: string) => {
    const file = fileWith('case.yaml', text);
    const shown = relative(process.cwd(), file);
    try {
      loadCaseFile(file);
    } catch (err) {
      checkError(err, (e) => e instanceof CaseLoadError, shown);
    }
  };
  editsAndArbitraryText('case', base, run);
  it('a many-cases file with arbitrary defaults and cases', () => {
    fc.assert(
      fc.property(value, fc.array(fc.oneof(value, fc.constant(base)), { maxLength: 3 }), (d, cs) => run(stringify({ defaults: d, cases: cs }))),
      { numRuns: runs(150) },
    );
  });
});

describe('scenario loader on arbitrary YAML', () => {
  const base = parse(readFileSync(join(scenariosDir(), 'aws-multi-agent.yaml'), 'utf8')) as Json;
  const run = (text: string) => {
    const file = fileWith('scenario.yaml', text);
    try {
      loadScenario(file);
    } catch (err) {
      checkError(err, (e) => e instanceof ScenarioError, file);
    }
  };
  editsAndArbitraryText('scenario', base, run);
});
