// Runs one case end to end: temp HOME (and token file), its own simulator, the binary with a
// clean environment, the journal snapshot, optional golden update, then the pure judge.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEnv } from './environment.ts';
import { judge } from '../judge/judge.ts';
import { goldenPath } from '../cases/load-cases.ts';
import { normaliseStdout } from '../judge/normalize.ts';
import { placeholderValues, substitute, substituteDeep, usesTls, type PlaceholderValues } from './placeholders.ts';
import { decodeOutput, encodeOutput, runProcess, type RunProcessOptions } from './process.ts';
import { runInProcess, type ReferenceRun } from './in-process.ts';
import type { Journal, Revision } from '../../sim/index.ts';
import type { Case, CaseResult, Fault, GoldenUpdate, Invocation, ProcessResult, Profile, WireEntry } from '../types.ts';

export interface SimulatorHandle {
  origin: string;
  /** The simulators over TLS, and the PEM of the CA that issued their certificate ({tls_origin}, {ca_file}). */
  tlsOrigin?: string;
  caPem?: string;
  env: Record<string, string>;
  journal: Pick<Journal, 'entries'>;
  close(): Promise<void>;
  /** Hands the simulator back for reuse by a later case (simulator.ts); absent: close() only. */
  release?(): Promise<void>;
}

/** `tls`: the case names the TLS simulators (placeholders.ts usesTls); default true. */
export type StartSimulator = (options: { scenario: string; revision: Revision; faults?: Fault[]; tls?: boolean }) => Promise<SimulatorHandle>;

export interface CaseRunOptions {
  binary: string;
  argPrefix: string[];
  embeddedReference: boolean;
  profile: Profile;
  binEnv: Record<string, string>;
  timeoutMs: number;
  capBytes: number;
  updateGoldens: boolean;
  /** With updateGoldens: also record a golden when the exit code is not the case's expected one. */
  updateGoldensFromFailingExit?: boolean;
  startSimulator: StartSimulator;
  signal?: AbortSignal;
  /** In-process mode (embedded reference only): the reference's run() instead of a child process. */
  inProcess?: ReferenceRun;
  /**
   * Takes the case's clean-up (removing its temp dir) to finish in the background while the next case
   * starts (runSuite awaits them all before it reports); absent: each case awaits its own.
   */
  background?: (work: Promise<unknown>) => void;
  /** How the binary is run (default: runProcess from this process; the command uses spawner.ts). */
  runProcess?: (opts: RunProcessOptions) => Promise<ProcessResult>;
}

function notRun(c: Case, reason: string, argv: string[] = c.args): CaseResult {
  return { id: c.id, title: c.title, level: c.level, file: c.file, outcome: 'not-run', notRunReason: reason, journal: [], argv, durationMs: 0 };
}

/**
 * Why --update-goldens must not record this output, if it must not: the binary did not start, timed
 * out, was killed, or exited otherwise than the case expects (unless `fromFailingExit`: a deliberate
 * choice, since the output of a failing run is rarely the behaviour to pin).
 */
export function goldenRefusal(result: ProcessResult, expectedExit: number, fromFailingExit: boolean): string | undefined {
  if (result.startError !== undefined) return `the binary did not start (${result.startError})`;
  if (result.timedOut) return 'the binary timed out';
  if (result.exitCode === null) return `the binary was killed${result.signal ? ` by ${result.signal}` : ''}`;
  if (result.stdoutCapped) return 'stdout reached the --max-output cap';
  if (result.exitCode !== expectedExit && !fromFailingExit)
    return `exit ${result.exitCode}, the case expects ${expectedExit} (add --update-goldens-from-failing-exit to record it anyway)`;
  return undefined;
}

export async function runCase(c: Case, o: CaseRunOptions): Promise<CaseResult> {
  if (o.signal?.aborted) return notRun(c, 'the run was interrupted');
  const started = performance.now();
  const home = mkdtempSync(join(tmpdir(), 'coder-conformance-'));
  let sim: SimulatorHandle | undefined;
  let reusable = false;
  try {
    const tokenFile = join(home, 'agent-token');
    if (c.token_file !== undefined) writeFileSync(tokenFile, c.token_file);
    try {
      sim = await o.startSimulator({
        scenario: c.scenario,
        revision: c.server_revision ?? o.profile,
        ...(c.faults ? { faults: c.faults } : {}),
        tls: usesTls(c),
      });
    } catch (err) {
      return notRun(c, `the simulator could not start: ${(err as Error).message}`);
    }
    const caFile = join(home, 'coder-conformance-ca.pem');
    if (sim.caPem) writeFileSync(caFile, sim.caPem);
    const values: PlaceholderValues = placeholderValues(sim, { home, tokenFile, caFile });
    const argv = c.args.map((a) => substitute(a, values));
    const caseEnv = substituteDeep(c.env, values);
    const env = buildEnv({
      home,
      path: process.env.PATH,
      simulator: sim.env,
      referenceRevision: o.embeddedReference ? o.profile : undefined,
      binEnv: o.binEnv,
      caseEnv,
    });
    const invocation: Invocation = {
      binary: o.binary,
      args: [...o.argPrefix, ...argv],
      env,
      caseSet: Object.fromEntries(Object.entries(caseEnv).filter((e): e is [string, string] => e[1] !== null)),
      caseRemoved: Object.entries(caseEnv)
        .filter(([, v]) => v === null)
        .map(([k]) => k),
      cwd: home,
    };
    const timeoutMs = c.timeout_ms ?? o.timeoutMs;
    const result = o.inProcess
      ? await runInProcess({ run: o.inProcess, args: argv, env, timeoutMs, capBytes: o.capBytes, signal: o.signal, terminal: c.terminal })
      : await (o.runProcess ?? runProcess)({
          file: o.binary,
          args: [...o.argPrefix, ...argv],
          env,
          cwd: home,
          timeoutMs,
          capBytes: o.capBytes,
          signal: o.signal,
          terminal: c.terminal,
          removeCwd: true,
        });
    if (o.signal?.aborted) return { ...notRun(c, 'the run was interrupted', argv), invocation };
    reusable = result.startError === undefined && !result.timedOut && !result.stdoutCapped && !result.stderrCapped;
    // Numbered from 1 for this case even on a reused simulator (its journal was cleared, not renumbered).
    const journal: WireEntry[] = sim.journal.entries.map((e, i) => (e.seq === i + 1 ? e : { ...e, seq: i + 1 }));
    const expect = substituteDeep(c.expect, values);
    let golden: string | undefined;
    let goldenUpdate: GoldenUpdate | undefined;
    if (expect.stdout_golden !== undefined) {
      const g = goldenPath(c);
      if (o.updateGoldens) {
        const refused = goldenRefusal(result, expect.exit, o.updateGoldensFromFailingExit ?? false);
        if (refused === undefined) writeFileSync(g, encodeOutput(normaliseStdout(result.stdout).text));
        goldenUpdate = { path: g, written: refused === undefined, ...(refused ? { refused } : {}) };
      }
      try {
        golden = substitute(decodeOutput(readFileSync(g)), values);
      } catch {
        golden = undefined;
      }
    }
    const verdict = judge(result, journal, expect, { golden });
    return {
      id: c.id,
      title: c.title,
      level: c.level,
      file: c.file,
      outcome: verdict.pass ? 'pass' : 'fail',
      verdict,
      process: result,
      journal,
      argv,
      invocation,
      durationMs: performance.now() - started,
      ...(goldenUpdate ? { goldenUpdate } : {}),
    };
  } finally {
    await (reusable && sim?.release ? sim.release() : sim?.close())?.catch(() => undefined);
    // Usually removed already where the binary ran (removeCwd; existsSync is cheap, while rm of a
    // missing path builds an ENOENT error). Asynchronous: removing the tree runs on libuv's threads
    // while other cases go on.
    if (existsSync(home)) {
      const removal = rm(home, { recursive: true, force: true }).catch(() => undefined);
      if (o.background) o.background(removal);
      else await removal;
    }
  }
}
