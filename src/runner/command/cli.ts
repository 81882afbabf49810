// The `coder-conformance` command: `run` (the suite), `list` (the cases a run would select),
// `serve` (the simulator for manual use, serve.ts). Returns the exit code; the process
// wiring (real simulator, signals, process.exit) lives in main.ts.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BinaryError, resolveBinary } from './binary.ts';
import { parseRunArgs, RUN_USAGE, UsageError, type RunOptions } from './cli-args.ts';
import { serveCommand } from './serve.ts';
import type { ContractOperation } from '../report/coverage.ts';
import { formatKnownFailures, KnownFailuresError, readKnownFailures, type KnownFailure } from '../cases/known-failures.ts';
import { CaseLoadError, loadCases } from '../cases/load-cases.ts';
import { REPORTERS } from '../report/reporters/index.ts';
import { countsLine, resultLine } from '../report/reporters/common.ts';
import { packageRoot, paths } from '../root.ts';
import type { StartSimulator } from '../exec/run-case.ts';
import { runSuite } from '../exec/run-suite.ts';
import { loadReference, type ReferenceRun } from '../exec/in-process.ts';
import { selectCases } from '../cases/select.ts';
import { prepareReportPath } from './out-path.ts';
import { upstreamCommand } from '../upstream/command.ts';

export interface Writer {
  write(s: string): unknown;
}

export interface CliIO {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: Writer;
  stderr: Writer;
  signal?: AbortSignal;
}

export interface CliDeps {
  startSimulator: StartSimulator & { closeIdle?(): Promise<void> };
  contract: () => ContractOperation[];
  /** The reference's run() for --in-process (default: dist/coder-run.mjs). */
  loadReference?: () => Promise<ReferenceRun>;
}

export const USAGE = `Usage: coder-conformance <command> [options]

Commands:
  run     run the conformance cases against a binary (see: coder-conformance run --help)
  list    list the cases a run would select (accepts run's --profile, --level, --filter, --shard)
  serve   start the simulator (coderd + metadata services + proxy) for manual testing
  upstream build <version>   build upstream's coder from the Go module proxy (see: coder-conformance upstream --help)
  help    this help
`;

function fail(io: CliIO, message: string): number {
  io.stderr.write(`coder-conformance: ${message}\n`);
  return 2;
}

export async function cli(io: CliIO, deps: CliDeps): Promise<number> {
  const [command, ...rest] = io.argv;
  switch (command) {
    case 'run':
      return runCommand(rest, io, deps);
    case 'list':
      return listCommand(rest, io);
    case 'upstream':
      return upstreamCommand({ ...io, argv: rest }, (argv) => runCommand(argv, io, deps));
    case 'serve':
      return serveCommand(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      return fail(io, `unknown command ${JSON.stringify(command)}\n${USAGE}`);
  }
}

function parse(argv: string[], io: CliIO): RunOptions | number {
  try {
    return parseRunArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) return fail(io, `${err.message}\nRun "coder-conformance run --help" for the options.`);
    throw err;
  }
}

function noCasesSelected(o: RunOptions): string {
  return `no cases selected (profile ${o.profile}, level ${o.level}${o.filters.length ? `, filter ${o.filters.join(' ')}` : ''}${o.shardText ? `, shard ${o.shardText}` : ''})`;
}

function listCommand(argv: string[], io: CliIO): number {
  const o = parse(argv, io);
  if (typeof o === 'number') return o;
  try {
    const sel = selectCases(loadCases(o.casesDir, { allowMissingGoldens: true }), { profile: o.profile, level: o.level, filters: o.filters, shard: o.shard });
    // As `run`: an empty selection is a usage error (a filter typo), not an empty success.
    if (sel.selected.length === 0) return fail(io, noCasesSelected(o));
    for (const c of sel.selected) io.stdout.write(`${c.id}\t${c.level}\t${c.title}\n`);
    return 0;
  } catch (err) {
    if (err instanceof CaseLoadError) return fail(io, err.message);
    throw err;
  }
}

async function runCommand(argv: string[], io: CliIO, deps: CliDeps): Promise<number> {
  const o = parse(argv, io);
  if (typeof o === 'number') return o;
  if (o.help) {
    io.stdout.write(RUN_USAGE);
    return 0;
  }
  if (o.updateGoldens && io.env.CI) return fail(io, '--update-goldens is refused when CI is set: goldens are reviewed changes, not CI output');
  let cases;
  try {
    cases = loadCases(o.casesDir, { allowMissingGoldens: o.updateGoldens });
  } catch (err) {
    if (err instanceof CaseLoadError) return fail(io, err.message);
    throw err;
  }
  const embeddedReference = o.bin === undefined;
  let binary: string;
  try {
    binary = resolveBinary(o.bin ?? paths.referenceBin(), io.env.PATH);
  } catch (err) {
    if (err instanceof BinaryError) return fail(io, err.message);
    throw err;
  }
  if (embeddedReference && !existsSync(join(packageRoot(), 'dist', 'coder.mjs'))) {
    return fail(io, 'the embedded reference CLI is not built (dist/coder.mjs missing): run "npm run build"');
  }
  let inProcess: ReferenceRun | undefined;
  if (o.inProcess) {
    try {
      inProcess = await (deps.loadReference ?? loadReference)();
    } catch (err) {
      return fail(io, `--in-process: cannot load the reference CLI (dist/coder-run.mjs): ${(err as Error).message}; run "npm run build"`);
    }
  }
  let knownFailures: KnownFailure[] = [];
  if (o.expectFailures) {
    try {
      knownFailures = readKnownFailures(o.expectFailures, new Set(cases.map((c) => c.id)));
    } catch (err) {
      if (err instanceof KnownFailuresError) return fail(io, err.message);
      throw err;
    }
  }
  if (o.out) {
    const problem = prepareReportPath(o.out);
    if (problem) return fail(io, problem);
  }
  const selection = selectCases(cases, { profile: o.profile, level: o.level, filters: o.filters, shard: o.shard });
  if (selection.selected.length === 0) return fail(io, noCasesSelected(o));
  let contract: ContractOperation[];
  try {
    contract = deps.contract();
  } catch (err) {
    return fail(io, `cannot read the contract for coverage: ${(err as Error).message}`);
  }
  const report = await runSuite({
    binary,
    argPrefix: o.argPrefix,
    embeddedReference,
    profile: o.profile,
    binEnv: o.binEnv,
    timeoutMs: o.timeoutMs,
    capBytes: o.maxOutputBytes,
    updateGoldens: o.updateGoldens,
    startSimulator: deps.startSimulator,
    signal: io.signal,
    ...(inProcess ? { inProcess } : {}),
    selection,
    level: o.level,
    filters: o.filters,
    shard: o.shardText,
    jobs: o.jobs,
    knownFailures,
    contract,
  });
  await deps.startSimulator.closeIdle?.();
  const text = REPORTERS[o.reporter](report);
  if (o.out) {
    try {
      writeFileSync(o.out, text);
    } catch (err) {
      return fail(io, `cannot write the report to ${o.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const summary = `${countsLine(report)}\n${resultLine(report)}; report written to ${o.out}\n`;
    (o.printKnownFailures ? io.stderr : io.stdout).write(summary);
  } else {
    (o.printKnownFailures ? io.stderr : io.stdout).write(text);
  }
  if (o.printKnownFailures) io.stdout.write(formatKnownFailures(report.results));
  return report.exitCode;
}
