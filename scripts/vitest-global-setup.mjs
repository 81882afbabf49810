// vitest global setup: build dist/ once before any test, so child-process tests (bin/coder, the
// conformance runner, the simulator end-to-end tests) always run the current sources; and fix the
// fast-check seed for the whole run (src/testing/properties.ts), printed once so any run can be repeated;
// and build the Go oracle (scripts/go-oracle.mjs) that the differential tests ask.
import { buildAll } from './build.mjs';
import { buildGoOracle } from './go-oracle.mjs';

const DEFAULT_SEED = 20261203; // = src/testing/properties.ts DEFAULT_SEED (checked by properties.test.ts)

function resolveSeed(env) {
  if (env.FC_SEED) {
    if (!/^-?\d+$/.test(env.FC_SEED.trim())) throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(env.FC_SEED)}`);
    return Number.parseInt(env.FC_SEED, 10) | 0;
  }
  return env.FC_FUZZ === '1' ? (Math.random() * 2 ** 31) | 0 : DEFAULT_SEED;
}

export default async function setup() {
  // Workers are forked after this runs and inherit process.env: one seed for every test file.
  const seed = resolveSeed(process.env);
  // A Node process started with NODE_EXTRA_CA_CERTS first parses that CA bundle: ~35 ms of CPU per process on
  // this project's machines, which point it at the system bundle (node -e 0: 60 ms instead of 25 ms). The
  // tests talk TLS only to their own test CA, so the workers and every process they start go without it.
  delete process.env.NODE_EXTRA_CA_CERTS;
  process.env.FC_SEED = String(seed);
  const mode = process.env.FC_FUZZ === '1' ? `fuzz, ${process.env.FC_RUNS_FACTOR ?? 20}x runs` : 'fixed';
  console.log(`fast-check seed: ${seed} (${mode}; repeat with FC_SEED=${seed})`);
  await buildAll();
  // The Go oracle for the differential tests (src/testing/go-oracle.ts), built once per run, cached outside the repo.
  if (!process.env.GO_ORACLE_BIN) {
    const oracle = buildGoOracle(process.env);
    if ('skip' in oracle) {
      process.env.GO_ORACLE_SKIP = oracle.skip;
      console.log(`go oracle: SKIPPED: ${oracle.skip}`);
    } else process.env.GO_ORACLE_BIN = oracle.bin;
  }
}
