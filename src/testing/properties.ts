// Property-test settings, in one place: the fast-check seed and run counts every property test uses.
//
// `npm test` (and CI) run every property with one fixed seed, so a run is repeatable: the seed is printed
// once by the vitest global setup and can be overridden with FC_SEED=<integer>. `npm run fuzz` sets
// FC_FUZZ=1: a fresh random seed per run (printed, and fast-check names it again in any failure, with the
// path to the shrunk counterexample) and FC_RUNS_FACTOR times more runs (default 20).
import fc from 'fast-check';

/** The seed CI uses when FC_SEED is not set. Changing it is a deliberate act, like changing a golden. */
export const DEFAULT_SEED = 20261203;

export interface PropertySettings {
  seed: number;
  fuzz: boolean;
  runsFactor: number;
}

function intFrom(name: string, text: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new Error(`${name} must be an integer, got ${JSON.stringify(text)}`);
  return Number.parseInt(text, 10) | 0;
}

/** Reads FC_SEED / FC_FUZZ / FC_RUNS_FACTOR. The global setup resolves a fuzz seed once and exports it as FC_SEED. */
export function propertySettings(env: NodeJS.ProcessEnv = process.env): PropertySettings {
  const fuzz = env.FC_FUZZ === '1';
  const runsFactor = env.FC_RUNS_FACTOR ? Math.max(1, intFrom('FC_RUNS_FACTOR', env.FC_RUNS_FACTOR)) : fuzz ? 20 : 1;
  const seed = env.FC_SEED ? intFrom('FC_SEED', env.FC_SEED) : fuzz ? (Math.random() * 2 ** 31) | 0 : DEFAULT_SEED;
  return { seed, fuzz, runsFactor };
}

/** fast-check's default of 100 runs, scaled for fuzzing. */
export const DEFAULT_RUNS = 100;

/** A property's run count: `n` (fast-check's default when omitted) times the fuzz factor. */
export function runs(n: number = DEFAULT_RUNS): number {
  return n * propertySettings().runsFactor;
}

/** Applied to every test file (vitest setupFiles): one seed and run count for all properties. */
export function configureProperties(env: NodeJS.ProcessEnv = process.env): PropertySettings {
  const s = propertySettings(env);
  fc.configureGlobal({ seed: s.seed, numRuns: DEFAULT_RUNS * s.runsFactor });
  return s;
}
