// The real simulator for each case (src/sim), with the cloud keys and the TLS identity made once per
// run and shared (minting RSA keys per case would dominate the run time). Simulators are reused: a
// case that ended cleanly releases its simulator to an idle pool (per set of runner-added faults,
// which survive a scenario change, and per TLS or none: only cases that name {tls_origin}/{ca_file}
// get a TLS port), and the next case takes it with its own scenario and revision loaded by
// setScenario (a full reset of the world: agents, providers, links, fault hit counts) and an empty
// journal; a case that timed out, hit the output cap or could not start closes its simulator
// instead (its traffic may still be in flight). closeIdle() ends the run's idle simulators.
// Scenario files are read and validated once per run; each case gets its own copy.
import {
  createCloudKeys,
  loadScenario,
  startSimulator,
  type CloudKeys,
  type Scenario,
  type Simulator,
  type TlsIdentity,
  tlsIdentity as processTlsIdentity,
} from '../../sim/index.ts';
import type { SimulatorHandle, StartSimulator } from './run-case.ts';

export type SimulatorStarter = StartSimulator & { closeIdle(): Promise<void> };

/**
 * `preloaded`: scenarios already read and validated (the case cache's), used instead of reading them
 * again. `cloudKeys` and `tlsIdentity`: where the run's keys come from (the command's key cache),
 * else minted (the TLS identity once per process, tls.ts).
 */
export function createSimulatorStarter(
  preloaded?: ReadonlyMap<string, Scenario>,
  cloudKeys: () => Promise<CloudKeys> = createCloudKeys,
  tlsIdentity: () => Promise<TlsIdentity> = processTlsIdentity,
): SimulatorStarter {
  let keys: Promise<CloudKeys> | undefined;
  let tls: Promise<TlsIdentity> | undefined;
  const idle = new Map<string, Simulator[]>();
  const scenarios = new Map<string, Scenario>();
  const scenarioCopy = (name: string): Scenario => {
    let s = scenarios.get(name) ?? preloaded?.get(name);
    if (!s) {
      s = loadScenario(name);
      scenarios.set(name, s);
    }
    return structuredClone(s);
  };
  const start: StartSimulator = async ({ scenario: name, revision, faults, tls: wantsTls = true }) => {
    const scenario = scenarioCopy(name);
    const key = JSON.stringify([wantsTls, faults ?? []]);
    let sim = idle.get(key)?.pop();
    if (sim) {
      sim.setScenario(scenario, revision);
      sim.journal.clear();
    } else {
      const k = (keys ??= cloudKeys());
      const t = wantsTls ? (tls ??= tlsIdentity()) : undefined;
      sim = await startSimulator({ scenario, revision, keys: await k, tls: t ? await t : false, ...(faults ? { faults } : {}) });
    }
    const s = sim;
    const handle: SimulatorHandle = {
      origin: s.origin,
      tlsOrigin: s.tlsOrigin,
      caPem: s.caPem,
      env: s.env,
      journal: s.journal,
      close: () => s.close(),
      release: async () => {
        const list = idle.get(key) ?? [];
        list.push(s);
        idle.set(key, list);
      },
    };
    return handle;
  };
  return Object.assign(start, {
    async closeIdle() {
      const all = [...idle.values()].flat();
      idle.clear();
      await Promise.all(all.map((s) => s.close()));
    },
  });
}
