// The `coder-conformance` command: `run` (the suite), `list` (the cases a run would select),
// `serve` (the simulator for manual use, serve.ts). Returns the exit code; the process
// wiring (real simulator, signals, process.exit) lives in main.ts.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BinaryError, resolveBinary } from './binary.ts';
import { buildMatrix, type Column, COMPARE_USAGE, CompareError, compareHtml, compareText, defaultLabel, readReport } from '../report/compare.ts';
import { parseRunArgs, RUN_USAGE, UsageError, type RunOptions } from './cli-args.ts';
import { serveCommand } from './serve.ts';
import type { ContractOperation } from '../report/coverage.ts';
import { formatKnownFailures, KnownFailuresError, readKnownFailures, type KnownFailure } from '../cases/known-failures.ts';
import { CaseLoadError } from '../cases/load-cases.ts';
import { type CaseCache, loadCasesCached } from '../cases/cache.ts';
import { REPORTERS } from '../report/reporters/index.ts';
import { prettyReport } from '../report/reporters/pretty.ts';
import { countsLine, resultLine } from '../report/reporters/common.ts';
import { packageRoot, paths } from '../root.ts';
import type { StartSimulator } from '../exec/run-case.ts';
import type { RunProcessOptions } from '../exec/process.ts';
import type { Spawner } from '../exec/spawner.ts';
import { runSuite } from '../exec/run-suite.ts';
import { loadReference, type ReferenceRun } from '../exec/in-process.ts';
import { selectCases } from '../cases/select.ts';
import { prepareReportPath } from './out-path.ts';
import { upstreamCommand } from '../upstream/command.ts';
import type { CaseResult } from '../types.ts';
import { suiteInfo, versionLine } from '../report/suite-info.ts';

export interface Writer {
  write(s: string): unknown;
  /** A terminal (colour, live progress). */
  isTTY?: boolean;
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
  /** Where loaded case sets are cached (src/runner/cases/cache.ts); none: every run loads them. */
  caseCache?: CaseCache;
  /**
   * How binaries are run (src/runner/exec/spawner.ts: `prepare(jobs)` when a process-mode run is about
   * to load its cases; it keeps --jobs binaries running at once, so a run may keep twice as many cases
   * in flight); none: from this process, one case per job.
   */
  spawner?: Pick<Spawner, 'run' | 'prepare'>;
}

export const USAGE = `Usage: coder-conformance <command> [options]

Commands:
  run       run the conformance cases against a binary (see: coder-conformance run --help)
  list      list the cases a run would select (accepts run's --profile, --level, --filter, --shard)
  compare   put JSON reports side by side, cases x runs (see: coder-conformance compare --help)
  serve     start the simulator (coderd + metadata services + proxy) for manual testing
  upstream  build real upstream coder releases from the Go module proxy and certify them
            (see: coder-conformance upstream --help)
  version   print the suite's version (also: --version)
  help      this help
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
      return listCommand(rest, io, deps);
    case 'upstream':
      return upstreamCommand({ ...io, argv: rest }, (argv) => runCommand(argv, io, deps));
    case 'compare':
      return compareCommand(rest, io);
    case 'serve':
      return serveCommand(rest, io);
    case '--version':
    case 'version':
      io.stdout.write(versionLine());
      return 0;
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

function compareCommand(argv: string[], io: CliIO): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        label: { type: 'string', multiple: true },
        reporter: { type: 'string' },
        out: { type: 'string' },
        'only-differences': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return fail(io, `${(err as Error).message}\nRun "coder-conformance compare --help" for the options.`);
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout.write(COMPARE_USAGE);
    return 0;
  }
  const reporter = v.reporter ?? 'text';
  if (reporter !== 'text' && reporter !== 'html') return fail(io, `--reporter must be text or html, got ${JSON.stringify(reporter)}`);
  const files = parsed.positionals;
  if (files.length === 0) return fail(io, 'compare needs at least one REPORT.json (write one with: coder-conformance run --reporter json --out report.json)');
  const labels = v.label ?? [];
  if (labels.length > files.length) return fail(io, `${labels.length} --label values for ${files.length} report(s)`);
  let columns: Column[];
  try {
    columns = files.map((file, i) => {
      const report = readReport(file);
      return { file, report, label: labels[i] ?? defaultLabel(report) };
    });
  } catch (err) {
    if (err instanceof CompareError) return fail(io, err.message);
    throw err;
  }
  const rows = buildMatrix(columns);
  const only = v['only-differences'] ?? false;
  const text = reporter === 'html' ? compareHtml(columns, rows, only) : compareText(columns, rows, only);
  if (v.out) {
    try {
      mkdirSync(dirname(resolve(v.out)), { recursive: true });
      writeFileSync(v.out, text);
    } catch (err) {
      return fail(io, `cannot write ${v.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    io.stdout.write(`${rows.length} cases, ${rows.filter((r) => r.differs).length} with differing outcomes; matrix written to ${v.out}\n`);
  } else {
    io.stdout.write(text);
  }
  return 0;
}

function noCasesSelected(o: RunOptions): string {
  return `no cases selected (profile ${o.profile}, level ${o.level}${o.filters.length ? `, filter ${o.filters.join(' ')}` : ''}${o.shardText ? `, shard ${o.shardText}` : ''})`;
}

function listCommand(argv: string[], io: CliIO, deps: CliDeps): number {
  const o = parse(argv, io);
  if (typeof o === 'number') return o;
  try {
    const sel = selectCases(loadCasesCached(deps.caseCache, o.casesDir, { allowMissingGoldens: true }), {
      profile: o.profile,
      level: o.level,
      filters: o.filters,
      shard: o.shard,
    });
    // As `run`: an empty selection is a usage error (a filter typo), not an empty success.
    if (sel.selected.length === 0) return fail(io, noCasesSelected(o));
    for (const c of sel.selected) io.stdout.write(`${c.id}\t${c.level}\t${c.title}\n`);
    return 0;
  } catch (err) {
    if (err instanceof CaseLoadError) return fail(io, err.message);
    throw err;
  }
}

/** NO_COLOR (any non-empty value) turns colour off, FORCE_COLOR (not "0") on; otherwise a terminal decides. */
export function colourWanted(env: Record<string, string | undefined>, tty: boolean): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return tty;
}

/** A one-line live count on a terminal (rewritten in place with \r), cleared when the run ends. */
export function progressLine(w: Writer, total: number, colour: boolean): { update: (r: CaseResult) => void; done: () => void } {
  let n = 0;
  let failed = 0;
  const red = (s: string) => (colour && failed > 0 ? `\x1b[31m${s}\x1b[0m` : s);
  return {
    update(r) {
      n++;
      if (r.outcome === 'fail' || r.outcome === 'not-run') failed++;
      const last = r.id.length > 50 ? `…${r.id.slice(-49)}` : r.id;
      w.write(`\r\x1b[K[${String(n).padStart(String(total).length)}/${total}] ${red(`${failed} failing`)}  ${last}`);
    },
    done() {
      if (n > 0) w.write('\r\x1b[K');
    },
  };
}

/**
 * What --update-goldens did, one line per golden file (several cases may share one): written, or
 * refused with the reason. Paths relative to the working directory.
 */
export function goldenUpdateSummary(results: CaseResult[]): string {
  const shown = (p: string) => relative(process.cwd(), p) || p;
  const written = new Map<string, string[]>();
  const refused: string[] = [];
  for (const r of results) {
    const u = r.goldenUpdate;
    if (!u) continue;
    if (u.written) written.set(u.path, [...(written.get(u.path) ?? []), r.id]);
    else refused.push(`  refused ${shown(u.path)} for ${r.id}: ${u.refused}`);
  }
  if (written.size === 0 && refused.length === 0) return '--update-goldens: no selected case has a stdout_golden; nothing written\n';
  const lines = [`--update-goldens: wrote ${written.size} golden file(s)${refused.length ? `, refused ${refused.length} recording(s)` : ''}`];
  for (const [p, ids] of written) lines.push(`  wrote ${shown(p)} (${ids.join(', ')})`);
  lines.push(...refused);
  return `${lines.join('\n')}\n`;
}

async function runCommand(argv: string[], io: CliIO, deps: CliDeps): Promise<number> {
  const o = parse(argv, io);
  if (typeof o === 'number') return o;
  if (o.help) {
    io.stdout.write(RUN_USAGE);
    return 0;
  }
  if (o.updateGoldens && io.env.CI) return fail(io, '--update-goldens is refused when CI is set: goldens are reviewed changes, not CI output');
  const spawner = o.inProcess ? undefined : deps.spawner;
  spawner?.prepare(o.jobs);
  let cases;
  try {
    cases = loadCasesCached(deps.caseCache, o.casesDir, { allowMissingGoldens: o.updateGoldens });
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
  if (embeddedReference && !existsSync(join(packageRoot(), 'dist', 'coder.cjs'))) {
    return fail(io, 'the embedded reference CLI is not built (dist/coder.cjs missing): run "npm run build"');
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
  if (o.rerunFailed) {
    let previous;
    try {
      previous = readReport(o.rerunFailed);
    } catch (err) {
      if (err instanceof CompareError) return fail(io, `--rerun-failed: ${err.message}`);
      throw err;
    }
    const failed = new Set(previous.results.filter((r) => r.outcome === 'fail' || r.outcome === 'unexpected-pass' || r.outcome === 'not-run').map((r) => r.id));
    if (failed.size === 0) {
      io.stdout.write(`${o.rerunFailed}: no case failed there; nothing to re-run\n`);
      return 0;
    }
    const known = new Set(cases.map((c) => c.id));
    const gone = [...failed].filter((id) => !known.has(id));
    if (gone.length)
      io.stderr.write(
        `coder-conformance: --rerun-failed: ${gone.length} failed case(s) of ${o.rerunFailed} are not in the cases folder any more: ${gone.join(', ')}\n`,
      );
    cases = cases.filter((c) => failed.has(c.id));
    if (cases.length === 0) return fail(io, `--rerun-failed: none of the failed cases of ${o.rerunFailed} is in the cases folder`);
  }
  const selection = selectCases(cases, { profile: o.profile, level: o.level, filters: o.filters, shard: o.shard });
  if (selection.selected.length === 0) return fail(io, noCasesSelected(o));
  let contract: ContractOperation[];
  try {
    contract = deps.contract();
  } catch (err) {
    return fail(io, `cannot read the contract for coverage: ${(err as Error).message}`);
  }
  const progress = io.stderr.isTTY ? progressLine(io.stderr, selection.selected.length, colourWanted(io.env, true)) : undefined;
  const report = await runSuite({
    binary,
    argPrefix: o.argPrefix,
    embeddedReference,
    profile: o.profile,
    binEnv: o.binEnv,
    timeoutMs: o.timeoutMs,
    capBytes: o.maxOutputBytes,
    updateGoldens: o.updateGoldens,
    updateGoldensFromFailingExit: o.updateGoldensFromFailingExit,
    startSimulator: deps.startSimulator,
    ...(spawner ? { runProcess: (p: RunProcessOptions) => spawner.run(p), casesInFlight: 2 * o.jobs } : {}),
    signal: io.signal,
    ...(inProcess ? { inProcess } : {}),
    selection,
    suite: suiteInfo(cases),
    level: o.level,
    filters: o.filters,
    shard: o.shardText,
    jobs: o.jobs,
    knownFailures,
    contract,
    onResult: progress?.update,
  });
  await deps.startSimulator.closeIdle?.();
  progress?.done();
  const text =
    o.reporter === 'pretty'
      ? prettyReport(report, { color: !o.out && colourWanted(io.env, io.stdout.isTTY ?? false) && !o.printKnownFailures })
      : REPORTERS[o.reporter](report);
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
  if (o.updateGoldens) io.stderr.write(goldenUpdateSummary(report.results));
  return report.exitCode;
}
