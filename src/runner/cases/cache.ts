// A cache of the loaded and validated case set, so that a run does not parse and validate every
// case file (and the scenarios the cases name) again when nothing changed. Used by the command
// (src/runner/command/main.ts) only. The entry is keyed by a SHA-256 of everything a load reads or
// depends on: the runner's own code (the bundle file), the load options, the cases folder (every
// file's path and bytes, goldens included: their existence is checked), the case schema, and the
// scenarios folder (scenario files and schema). The entry holds the cases and the loaded scenarios
// they name (handed to the run's simulators). Any change to any of them is a different key, so an
// entry is never stale; a failed load (a case error) is never cached. The cache lives outside the
// package, in `${XDG_CACHE_HOME:-~/.cache}/coder-agent-conformance/cases/`; an unreadable or
// unwritable cache is ignored (the cases are loaded as without it).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { join, resolve } from 'node:path';
import { paths } from '../root.ts';
import type { Case } from '../types.ts';
import { loadScenario, type Scenario } from '../../sim/index.ts';
import { loadCases, type LoadOptions } from './load-cases.ts';
import { hashTree } from './tree-hash.ts';

/** Bumped when the shape of a cached entry changes. */
const FORMAT = 'cases-cache-2';
/** Entries kept (the newest); older ones are removed when an entry is written. */
const KEEP = 32;
/** Scenario names the cache can vouch for: bare names, resolved in the scenarios folder it hashes. */
const BARE_NAME = /^[a-z0-9-]+$/;

export interface CaseCache {
  /** The cache folder (`…/coder-agent-conformance/cases`). */
  dir: string;
  /** Files whose bytes stand for the loader's code (the bundle) and the scenarios folder. */
  codeFiles: string[];
  scenariosDir: string;
  schema: string;
  /**
   * Filled with the loaded scenarios the cases name (kept in the entry too), for the run's
   * simulators (createSimulatorStarter), which then do not read them again.
   */
  scenarios?: Map<string, Scenario>;
}

interface Entry {
  cases: Case[];
  scenarios: Record<string, Scenario>;
}

/** The key of a load of `dir` with `options`, or undefined when a file cannot be read. */
export function caseCacheKey(cache: CaseCache, dir: string, options: LoadOptions): string | undefined {
  try {
    const h = createHash('sha256');
    h.update(`${FORMAT}\0${process.version}\0${resolve(dir)}\0${JSON.stringify({ allowMissingGoldens: !!options.allowMissingGoldens })}\0`);
    for (const f of cache.codeFiles) {
      h.update(`code\0${f}\0`);
      h.update(readFileSync(f));
    }
    h.update(`schema\0${cache.schema}\0`);
    h.update(readFileSync(cache.schema));
    h.update(`scenarios\0${resolve(cache.scenariosDir)}\0`);
    hashTree(h, cache.scenariosDir);
    h.update('cases\0');
    hashTree(h, dir);
    return h.digest('hex');
  } catch {
    return undefined;
  }
}

/**
 * loadCases(dir, options), from the cache when an entry for exactly these inputs exists, else
 * loaded and stored. Errors are loadCases' own (a failed load is not cached).
 */
export function loadCasesCached(cache: CaseCache | undefined, dir: string = paths.casesDir(), options: LoadOptions = {}): Case[] {
  const key = cache ? caseCacheKey(cache, dir, options) : undefined;
  if (!cache || key === undefined) return loadCases(dir, options);
  const file = join(cache.dir, `${key}.v8`);
  try {
    const entry = deserialize(readFileSync(file)) as Entry;
    for (const [name, s] of Object.entries(entry.scenarios)) cache.scenarios?.set(name, s);
    return entry.cases;
  } catch {
    // no entry (or an unreadable one): load below
  }
  const cases = loadCases(dir, options);
  try {
    // Only scenarios found in the hashed folder, and only what survives serialisation unchanged
    // (V8's structured serialisation, which keeps what JSON would not: -0 in a scenario).
    if (!cases.every((c) => BARE_NAME.test(c.scenario))) return cases;
    const entry: Entry = { cases, scenarios: Object.fromEntries([...new Set(cases.map((c) => c.scenario))].sort().map((n) => [n, loadScenario(n)])) };
    const bytes = serialize(entry);
    if (isDeepStrictEqual(deserialize(bytes), entry)) {
      for (const [name, s] of Object.entries(entry.scenarios)) cache.scenarios?.set(name, s);
      mkdirSync(cache.dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, file);
      prune(cache.dir);
    }
  } catch {
    // a cache that cannot be written is no cache
  }
  return cases;
}

/** Removes all but the KEEP newest entries. */
function prune(dir: string): void {
  const entries = readdirSync(dir)
    .filter((n) => n.endsWith('.v8'))
    .map((n) => ({ p: join(dir, n), t: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const e of entries.slice(KEEP)) rmSync(e.p, { force: true });
}
