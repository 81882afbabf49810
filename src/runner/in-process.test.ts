// In-process mode (--in-process) judges exactly like process mode: every case (each profile's cases
// not already run for an earlier profile) is run both ways against the embedded reference, and the
// per-case results are equal: outcome, verdict, argv, exit code, stdout, stderr (bytes), caps, and the
// wire traffic (services, operations, methods, paths, queries, header names, statuses, violations,
// proxying). The first profile's in-process run (the whole profile) must also pass every case, as
// suite.test.ts requires of the other profiles. Only what differs between any two runs is masked: durations, the simulator's port, the
// temp dir's random name, and bodies (they carry freshly signed cloud proofs).
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './command/cli.ts';
import { contractOperations } from './report/contract.ts';
import { packageRoot } from './root.ts';
import { createSimulatorStarter } from './exec/simulator.ts';
import { loadCases } from './cases/load-cases.ts';
import { selectCases } from './cases/select.ts';
import type { CaseResult } from './types.ts';
import type { RunReport } from './report/summary.ts';
import { PROFILES } from './types.ts';
import { expectEveryCasePasses } from './fixtures/suite-checks.ts';

const startSimulator = createSimulatorStarter();
const SLOW = 600_000;

async function run(args: string[]): Promise<{ code: number; report: RunReport }> {
  let stdout = '';
  const code = await cli(
    {
      argv: ['run', '--reporter', 'json', ...args],
      env: { PATH: process.env.PATH },
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
    },
    { startSimulator, contract: contractOperations },
  );
  return { code, report: JSON.parse(stdout) as RunReport };
}

/** A case result with what differs between any two runs masked. */
function comparable(r: CaseResult): string {
  const { durationMs: _d, journal, process, ...rest } = r;
  const { durationMs: _p, ...proc } = process ?? { durationMs: 0 };
  const wire = journal.map((j) => [
    j.seq,
    j.service,
    j.operationId,
    j.method,
    j.path,
    j.query,
    j.headers.map((h) => h[0]),
    j.response.status,
    j.violations,
    j.proxied,
  ]);
  const text = JSON.stringify({ ...rest, process: proc, wire });
  // The simulator's ports (the ones its variables name), wherever they appear: `[::1]:…`, `127.0.0.1:1:…`.
  const ports = new Set([...JSON.stringify(r.invocation?.env ?? {}).matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => m[1]));
  return text
    .replace(/(127\.0\.0\.1|0\.0\.0\.0|localhost):\d+/g, '$1:PORT')
    .replace(/:(\d{4,5})\b/g, (m, p: string) => (ports.has(p) ? ':PORT' : m))
    .replace(/coder-conformance-[A-Za-z0-9]{6}/g, 'coder-conformance-XXXXXX');
}

beforeAll(() => {
  if (!existsSync(`${packageRoot()}/dist/coder-run.mjs`)) throw new Error('dist/coder-run.mjs is missing: run "npm run build" first (npm test does)');
});

describe('--in-process judges like process mode', () => {
  const all = loadCases();
  const seen = new Set<string>();
  for (const profile of PROFILES) {
    const ids = selectCases(all, { profile, level: 'strict', filters: [] })
      .selected.map((c) => c.id)
      .filter((id) => !seen.has(id));
    for (const id of ids) seen.add(id);
    if (ids.length === 0) continue;
    it(`profile ${profile}: ${ids.length} cases, equal results and exit code`, { timeout: SLOW }, async () => {
      const filters = profile === PROFILES[0] ? [] : ids.flatMap((id) => ['--filter', id]);
      const args = ['--profile', profile, ...filters];
      const [proc, inproc] = [await run(args), await run([...args, '--in-process'])];
      expect(inproc.report.results.map((r) => r.id)).toEqual(ids.slice().sort());
      expect(inproc.report.results.map(comparable)).toEqual(proc.report.results.map(comparable));
      expect(inproc.report.counts).toEqual(proc.report.counts);
      expect(inproc.report.coverage).toEqual(proc.report.coverage);
      expect(inproc.code).toBe(proc.code);
      // The first profile's whole run is also suite.test.ts's check of that profile (made once, here).
      if (filters.length === 0) expectEveryCasePasses(inproc.code, inproc.report);
    });
  }

  it('a failing profile fails the same way (the reference in pre-agent-name mode against pr24325 cases)', { timeout: SLOW }, async () => {
    const args = ['--profile', 'pr24325', '--bin-env', 'CODER_REFERENCE_REVISION=pre-agent-name', '--filter', 'aws/**', '--filter', 'help/**'];
    const [proc, inproc] = [await run(args), await run([...args, '--in-process'])];
    expect(proc.report.counts.failed).toBeGreaterThan(0);
    expect(inproc.report.results.map(comparable)).toEqual(proc.report.results.map(comparable));
    expect(inproc.code).toBe(proc.code);
  });
});
