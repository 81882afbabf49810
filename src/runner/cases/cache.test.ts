// The case-set cache (cache.ts): a hit gives exactly what a load gives; any change to a file the
// load reads is a miss (a different key); a failed load is not cached and fails again.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deserialize, serialize } from 'node:v8';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/index.ts';
import { paths } from '../root.ts';
import { type CaseCache, caseCacheKey, loadCasesCached } from './cache.ts';
import { CaseLoadError, loadCases } from './load-cases.ts';

let tmp: string;
let cache: CaseCache;
let cases: string;
let scenarios: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'case-cache-'));
  cases = join(tmp, 'cases');
  scenarios = join(tmp, 'scenarios');
  mkdirSync(join(cases, 'token'), { recursive: true });
  cpSync(join(paths.casesDir(), 'token', 'github.yaml'), join(cases, 'token', 'github.yaml'));
  mkdirSync(scenarios);
  writeFileSync(join(scenarios, 'a.yaml'), 'x: 1\n');
  const code = join(tmp, 'bundle.mjs');
  writeFileSync(code, '// code\n');
  cache = { dir: join(tmp, 'cache'), codeFiles: [code], scenariosDir: scenarios, schema: paths.schema() };
});

afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const entries = () => readdirSync(cache.dir).filter((n) => n.endsWith('.v8'));

describe('case cache', () => {
  it('a hit is what a load gives, read from the entry', () => {
    const first = loadCasesCached(cache, cases);
    expect(first).toEqual(loadCases(cases));
    expect(entries()).toHaveLength(1);
    const entry = join(cache.dir, entries()[0]);
    // The second load comes from the entry (proved by marking it).
    const marked = deserialize(readFileSync(entry));
    marked.cases[0].title = 'from the cache';
    writeFileSync(entry, serialize(marked));
    cache.scenarios = new Map();
    expect(loadCasesCached(cache, cases)[0].title).toBe('from the cache');
    // The scenarios the cases name come with the entry, as loadScenario reads them.
    expect([...cache.scenarios.keys()]).toEqual(['external-auth']);
    expect(cache.scenarios.get('external-auth')).toEqual(loadScenario('external-auth'));
  });

  it('any change to the cases, a golden, the schema, a scenario, the code or the options is another key', () => {
    const key = () => caseCacheKey(cache, cases, {});
    const k0 = key();
    expect(k0).toMatch(/^[0-9a-f]{64}$/);
    expect(key()).toBe(k0);
    const seen = new Set([k0]);
    const change = (f: () => void) => {
      f();
      const k = key();
      expect(seen.has(k)).toBe(false);
      seen.add(k!);
    };
    change(() => writeFileSync(join(cases, 'token', 'github.yaml'), `${readFileSync(join(cases, 'token', 'github.yaml'), 'utf8')}# edited\n`));
    change(() => writeFileSync(join(cases, 'goldens.txt'), 'golden'));
    change(() => writeFileSync(join(scenarios, 'a.yaml'), 'x: 2\n'));
    change(() => writeFileSync(join(scenarios, 'b.yaml'), 'x: 1\n'));
    change(() => writeFileSync(cache.codeFiles[0], '// other code\n'));
    const schema = join(tmp, 'schema.json');
    change(() => {
      writeFileSync(schema, `${readFileSync(paths.schema(), 'utf8')}\n`);
      cache.schema = schema;
    });
    expect(caseCacheKey(cache, cases, { allowMissingGoldens: true })).not.toBe(key());
    rmSync(cache.codeFiles[0]);
    expect(key()).toBeUndefined();
  });

  it('a failed load is not cached', () => {
    writeFileSync(join(cases, 'token', 'bad.yaml'), 'id: token/bad\n');
    expect(() => loadCasesCached(cache, cases)).toThrow(CaseLoadError);
    expect(() => loadCasesCached(cache, cases)).toThrow(CaseLoadError);
    expect(() => readdirSync(cache.dir)).toThrow();
  });

  it('without a cache, or with an unreadable input, it loads', () => {
    expect(loadCasesCached(undefined, cases)).toEqual(loadCases(cases));
    rmSync(cache.codeFiles[0]);
    expect(loadCasesCached(cache, cases)).toEqual(loadCases(cases));
  });
});
