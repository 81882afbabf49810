// Chooses the cases a run covers: the profile's revisions, the level (core runs core cases only,
// strict runs all), the --filter globs on case ids, and the deterministic --shard slice.
import picomatch from 'picomatch';
import { caseAppliesTo, type Case, type Level, type Profile } from '../types.ts';

export interface Shard {
  index: number;
  total: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) throw new Error(`--shard must look like I/N (e.g. 2/4), got ${JSON.stringify(text)}`);
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1 || index < 1 || index > total) throw new Error(`--shard ${text}: need 1 <= I <= N`);
  return { index, total };
}

export interface Selection {
  selected: Case[];
  /** Cases that exist but are outside this run (other revision, level, filter or shard). */
  excluded: { revision: number; level: number; filter: number; shard: number };
}

export function selectCases(cases: Case[], opts: { profile: Profile; level: Level; filters: string[]; shard?: Shard }): Selection {
  const excluded = { revision: 0, level: 0, filter: 0, shard: 0 };
  const matchers = opts.filters.map((f) => picomatch(f));
  const sorted = [...cases].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const kept: Case[] = [];
  for (const c of sorted) {
    if (!caseAppliesTo(c, opts.profile)) excluded.revision++;
    else if (opts.level === 'core' && c.level !== 'core') excluded.level++;
    else if (matchers.length && !matchers.some((m) => m(c.id))) excluded.filter++;
    else kept.push(c);
  }
  if (!opts.shard) return { selected: kept, excluded };
  const { index, total } = opts.shard;
  // Round-robin over the sorted ids: deterministic, balanced, independent of file layout.
  const selected = kept.filter((_, i) => i % total === index - 1);
  excluded.shard = kept.length - selected.length;
  return { selected, excluded };
}
