// The real simulator for each case (src/sim): one loopback server per case, with the cloud keys
// minted once per run and shared (minting RSA keys per case would dominate the run time).
import { createCloudKeys, startSimulator, type CloudKeys } from '../../sim/index.ts';
import type { StartSimulator } from './run-case.ts';

export function createSimulatorStarter(): StartSimulator {
  let keys: Promise<CloudKeys> | undefined;
  return async ({ scenario, revision, faults }) =>
    startSimulator({
      scenario,
      revision,
      keys: await (keys ??= createCloudKeys()),
      ...(faults ? { faults } : {}),
    });
}
