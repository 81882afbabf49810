// For bench/suite.bench.mjs: the suite's invocations without the runner. Simulators are started
// beforehand (one per scenario/revision/faults combination, outside the timing); then every
// selected case's binary runs once with the same argv and environment and the same parallelism,
// with no temp HOME, no journal reading, no judging and no report.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { buildEnv } from '../src/runner/exec/environment.ts';
import { loadCases } from '../src/runner/cases/load-cases.ts';
import { placeholderValues, substitute, substituteDeep } from '../src/runner/exec/placeholders.ts';
import { runPool } from '../src/runner/exec/pool.ts';
import { paths } from '../src/runner/root.ts';
import type { SimulatorHandle } from '../src/runner/exec/run-case.ts';
import { selectCases } from '../src/runner/cases/select.ts';
import { createSimulatorStarter } from '../src/runner/exec/simulator.ts';
import type { Profile } from '../src/runner/types.ts';

export interface BareInvocation {
  args: string[];
  env: Record<string, string>;
}

export interface BarePlan {
  invocations: BareInvocation[];
  close(): Promise<void>;
}

export async function prepareBare(profile: Profile): Promise<BarePlan> {
  const start = createSimulatorStarter();
  const cases = selectCases(loadCases(), { profile, level: 'strict', filters: [] }).selected;
  const home = mkdtempSync(join(tmpdir(), 'coder-conformance-bare-'));
  const sims = new Map<string, SimulatorHandle>();
  const invocations: BareInvocation[] = [];
  for (const c of cases) {
    const revision = c.server_revision ?? profile;
    const key = JSON.stringify([c.scenario, revision, c.faults ?? []]);
    let sim = sims.get(key);
    if (!sim) {
      sim = await start({ scenario: c.scenario, revision, ...(c.faults ? { faults: c.faults } : {}) });
      sims.set(key, sim);
    }
    const tokenFile = join(home, `token-${invocations.length}`);
    if (c.token_file !== undefined) writeFileSync(tokenFile, c.token_file);
    const caFile = join(home, 'coder-conformance-ca.pem');
    if (sim.caPem !== undefined) writeFileSync(caFile, sim.caPem);
    const values = placeholderValues(sim, { home, tokenFile, caFile });
    invocations.push({
      args: c.args.map((a) => substitute(a, values)),
      env: buildEnv({ home, path: process.env.PATH, simulator: sim.env, referenceRevision: profile, binEnv: {}, caseEnv: substituteDeep(c.env, values) }),
    });
  }
  return {
    invocations,
    async close() {
      await Promise.all([...sims.values()].map((s) => s.close()));
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Runs every invocation of the reference binary once; returns the wall time in ms. */
export async function runBare(plan: BarePlan, jobs: number, bin: string = paths.referenceBin()): Promise<number> {
  const t0 = performance.now();
  await runPool(plan.invocations, jobs, async (inv) => {
    await execa(bin, inv.args, { env: inv.env, extendEnv: false, stdin: 'ignore', reject: false, timeout: 60_000 });
  });
  return performance.now() - t0;
}
