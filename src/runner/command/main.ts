// Entry point of `coder-conformance` (bundled to dist/coder-conformance.mjs): wires the command
// to the real simulator, the contract, the process streams and SIGINT/SIGTERM (which stop the
// run; cases not started are reported as not run).
import { cli } from './cli.ts';
import { contractOperations } from '../report/contract.ts';
import { createSimulatorStarter } from '../exec/simulator.ts';
import { createSpawner } from '../exec/spawner.ts';
import { cachedCloudKeys, cachedTlsIdentity } from '../exec/keys-cache.ts';
import { join } from 'node:path';
import { type Scenario, scenariosDir } from '../../sim/index.ts';
import { cacheRoot } from '../upstream/build.ts';
import { packageRoot, paths } from '../root.ts';

// A closed pipe (e.g. `coder-conformance list | head`) ends the command quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    const what = process.argv[2] === 'run' ? ' (cases not started are reported as not run)' : '';
    process.stderr.write(`coder-conformance: ${sig}: stopping${what}\n`);
    controller.abort();
  });
}

// Binaries are started by small helper processes (spawner.ts), themselves started when a run begins.
const spawner = createSpawner(join(packageRoot(), 'dist', 'spawner.mjs'));

// Filled by the case cache with the scenarios the cases name; the simulators use them.
const scenarios = new Map<string, Scenario>();

let code: number;
try {
  code = await cli(
    { argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr, signal: controller.signal },
    {
      // The simulators' test keys are kept in the user cache too (minting them costs ~1 s).
      startSimulator: createSimulatorStarter(
        scenarios,
        () => cachedCloudKeys(join(cacheRoot(process.env), 'keys')),
        () => cachedTlsIdentity(join(cacheRoot(process.env), 'keys')),
      ),
      spawner,
      contract: contractOperations,
      // Loaded case sets are cached outside the package, keyed by this bundle and every file a load reads.
      caseCache: {
        dir: join(cacheRoot(process.env), 'cases'),
        codeFiles: [join(packageRoot(), 'dist', 'coder-conformance.mjs')],
        scenariosDir: scenariosDir(),
        schema: paths.schema(),
        scenarios,
      },
    },
  );
} catch (err) {
  process.stderr.write(`coder-conformance: internal error: ${(err as Error).stack ?? String(err)}\n`);
  code = 2;
}
spawner.close();
process.exitCode = code;
// Simulators are closed per case; nothing should keep the loop alive, but do not wait on stragglers.
setTimeout(() => process.exit(code), 200).unref();
