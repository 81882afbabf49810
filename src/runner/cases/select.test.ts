// Case selection: revision, level, --filter globs and deterministic shards.
import { describe, expect, it } from 'vitest';
import { parseShard, selectCases } from './select.ts';
import type { Case } from '../types.ts';

const mk = (id: string, level: Case['level'] = 'core', range: Pick<Case, 'since' | 'until'> = {}): Case => ({
  id,
  title: id,
  level,
  ...range,
  scenario: 's',
  args: [],
  env: {},
  expect: { exit: 0 },
  file: '/x.yaml',
  root: '/',
});
const cases = [mk('b/two'), mk('a/one'), mk('c/three', 'strict'), mk('a/pre', 'core', { until: 'pre-agent-name' }), mk('d/four'), mk('e/five')];

describe('selectCases', () => {
  it('filters by revision and level, sorted by id', () => {
    const s = selectCases(cases, { profile: 'pr24325', level: 'strict', filters: [] });
    expect(s.selected.map((c) => c.id)).toEqual(['a/one', 'b/two', 'c/three', 'd/four', 'e/five']);
    expect(s.excluded).toEqual({ revision: 1, level: 0, filter: 0, shard: 0 });
    const core = selectCases(cases, { profile: 'pr24325', level: 'core', filters: [] });
    expect(core.selected.map((c) => c.id)).toEqual(['a/one', 'b/two', 'd/four', 'e/five']);
    expect(core.excluded.level).toBe(1);
  });
  it('applies glob filters on ids', () => {
    expect(selectCases(cases, { profile: 'pr24325', level: 'strict', filters: ['a/*', '*/f*'] }).selected.map((c) => c.id)).toEqual([
      'a/one',
      'd/four',
      'e/five',
    ]);
    expect(selectCases(cases, { profile: 'pr24325', level: 'strict', filters: ['**/t*'] }).selected.map((c) => c.id)).toEqual(['b/two', 'c/three']);
  });
  it('splits into disjoint, complete, deterministic shards', () => {
    const all = selectCases(cases, { profile: 'pr24325', level: 'strict', filters: [] }).selected.map((c) => c.id);
    const parts = [1, 2, 3].map((index) =>
      selectCases([...cases].reverse(), { profile: 'pr24325', level: 'strict', filters: [], shard: { index, total: 3 } }).selected.map((c) => c.id),
    );
    expect(parts).toEqual([['a/one', 'd/four'], ['b/two', 'e/five'], ['c/three']]);
    expect(parts.flat().sort()).toEqual(all);
  });
  it('parses --shard', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    expect(() => parseShard('0/4')).toThrow('--shard 0/4: need 1 <= I <= N');
    expect(() => parseShard('5/4')).toThrow('need 1 <= I <= N');
    expect(() => parseShard('x')).toThrow('--shard must look like I/N (e.g. 2/4), got "x"');
  });
});
