// Parses `coder-conformance run` options into a typed RunOptions; every bad value is a clear
// usage error (exit 2).
import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseBinEnv } from '../exec/environment.ts';
import { isReporterName, REPORTERS, type ReporterName } from '../report/reporters/index.ts';
import { parseShard, type Shard } from '../cases/select.ts';
import { DEFAULT_PROFILE, LEVELS, PROFILES, type Level, type Profile } from '../types.ts';

export class UsageError extends Error {}

export interface RunOptions {
  bin?: string;
  inProcess: boolean;
  argPrefix: string[];
  binEnv: Record<string, string>;
  profile: Profile;
  level: Level;
  filters: string[];
  reporter: ReporterName;
  out?: string;
  jobs: number;
  timeoutMs: number;
  maxOutputBytes: number;
  expectFailures?: string;
  printKnownFailures: boolean;
  updateGoldens: boolean;
  updateGoldensFromFailingExit: boolean;
  shard?: Shard;
  shardText?: string;
  casesDir?: string;
  rerunFailed?: string;
  help: boolean;
}

export const RUN_USAGE = `Usage: coder-conformance run [options]

Runs the conformance cases against an implementation of \`coder external-auth access-token\`.

Options:
  --bin PATH                 implementation binary (default: the embedded reference CLI)
  --in-process               run the embedded reference CLI in the runner's process (no child; not with --bin)
  --arg-prefix ARG           argument put before every case's argv (repeatable, in order)
  --bin-env KEY=VALUE        extra environment for the binary (repeatable)
  --profile REV              ${PROFILES.map((p) => (p === DEFAULT_PROFILE ? `${p} (default)` : p)).join(' | ')}
  --level LEVEL              strict (default: core and strict cases) | core (core cases only)
  --filter GLOB              only case ids matching the glob (repeatable; picomatch syntax)
  --shard I/N                run the I-th of N deterministic slices
  --reporter NAME            pretty (default) | json | junit | tap | html (one self-contained page)
  --out FILE                 write the report to FILE (a summary line still goes to stdout)
  --jobs N                   binaries running at once, or cases with --in-process (default: CPU cores)
  --timeout MS               per-case timeout, whole process tree killed (default: 30000)
  --max-output BYTES         cap on stdout and stderr per case (default: 1048576)
  --expect-failures FILE     known-failures file (YAML: known_failures: [{id, reason, expires?}])
  --print-known-failures     print a known-failures file for the current failures on stdout
  --update-goldens           rewrite golden files from the binary's stdout and list each file written
                             (refused when CI is set; a run whose exit differs from the case's is not recorded)
  --update-goldens-from-failing-exit
                             with --update-goldens: record the golden even when the exit code is not
                             the one the case expects
  --cases DIR                case directory (default: conformance/cases)
  --rerun-failed REPORT.json only the cases that failed, did not run or passed unexpectedly in that JSON
                             report (--reporter json --out REPORT.json); give the same --bin and --profile
  -h, --help                 this help

Output: colour when stdout is a terminal (NO_COLOR=1 turns it off, FORCE_COLOR=1 on); a progress
line on stderr when stderr is a terminal, whatever the reporter.

Exit codes: 0 all selected cases pass, 1 some failed, 2 usage/set-up error or a partial run.
`;

/** The longest delay Node's timers take (2^31-1 ms); a longer one fires at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

function positiveInt(name: string, v: string | undefined, def: number, max = Number.MAX_SAFE_INTEGER): number {
  if (v === undefined) return def;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`${name} must be a positive integer, got ${JSON.stringify(v)}`);
  if (Number(v) > max) throw new UsageError(`${name} must be at most ${max}, got ${JSON.stringify(v)}`);
  return Number(v);
}

const RUN_OPTIONS = {
  bin: { type: 'string' },
  'in-process': { type: 'boolean' },
  'arg-prefix': { type: 'string', multiple: true },
  'bin-env': { type: 'string', multiple: true },
  profile: { type: 'string' },
  level: { type: 'string' },
  filter: { type: 'string', multiple: true },
  shard: { type: 'string' },
  reporter: { type: 'string' },
  out: { type: 'string' },
  jobs: { type: 'string' },
  timeout: { type: 'string' },
  'max-output': { type: 'string' },
  'expect-failures': { type: 'string' },
  'print-known-failures': { type: 'boolean' },
  'update-goldens': { type: 'boolean' },
  'update-goldens-from-failing-exit': { type: 'boolean' },
  cases: { type: 'string' },
  'rerun-failed': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const VALUE_OPTIONS = new Set(
  Object.entries(RUN_OPTIONS)
    .filter(([, o]) => o.type === 'string')
    .map(([k]) => k),
);

/**
 * `--jobs -1`: a value starting with one dash is taken as the value (as Go's pflag does), so it is
 * judged by the option's own check; node's parseArgs would print its three-line "ambiguous" text.
 * A value starting with "--" looks like a forgotten value: one clear line.
 */
function attachDashValues(argv: string[], valueOptions: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    if (a.startsWith('--') && valueOptions.has(a.slice(2)) && next?.startsWith('-')) {
      if (next.startsWith('--')) throw new UsageError(`${a} needs a value, got the option ${next} (a value starting with "--" is written ${a}=${next})`);
      out.push(`${a}=${next}`);
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** Options naming a file or directory: an empty value is a mistake, never "use the default". */
const PATH_OPTIONS = ['bin', 'out', 'expect-failures', 'cases'] as const;

export function parseRunArgs(argv: string[]): RunOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: attachDashValues(argv, VALUE_OPTIONS),
      allowPositionals: false,
      strict: true,
      options: RUN_OPTIONS,
    });
  } catch (err) {
    if (err instanceof UsageError) throw err;
    // node's texts, first line only (the rest suggests positional arguments, which run takes none of)
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
  const v = parsed.values;
  for (const name of PATH_OPTIONS) if (v[name] === '') throw new UsageError(`--${name} is empty`);
  const profile = v.profile ?? DEFAULT_PROFILE;
  if (!(PROFILES as readonly string[]).includes(profile))
    throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, got ${JSON.stringify(profile)}`);
  const level = v.level ?? 'strict';
  if (!(LEVELS as readonly string[]).includes(level)) throw new UsageError(`--level must be core or strict, got ${JSON.stringify(level)}`);
  const reporter = v.reporter ?? 'pretty';
  if (!isReporterName(reporter)) throw new UsageError(`--reporter must be one of ${Object.keys(REPORTERS).join(', ')}, got ${JSON.stringify(reporter)}`);
  let shard: Shard | undefined;
  if (v.shard !== undefined) {
    try {
      shard = parseShard(v.shard);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  let binEnv: Record<string, string>;
  try {
    binEnv = parseBinEnv(v['bin-env'] ?? []);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  for (const f of v.filter ?? []) if (f === '') throw new UsageError('--filter is empty');
  if (v['update-goldens-from-failing-exit'] && !v['update-goldens']) throw new UsageError('--update-goldens-from-failing-exit only goes with --update-goldens');
  if (v['in-process'] && (v.bin !== undefined || (v['arg-prefix'] ?? []).length > 0))
    throw new UsageError('--in-process runs the embedded reference CLI: it cannot be combined with --bin or --arg-prefix');
  return {
    bin: v.bin,
    inProcess: v['in-process'] ?? false,
    argPrefix: v['arg-prefix'] ?? [],
    binEnv,
    profile: profile as Profile,
    level: level as Level,
    filters: v.filter ?? [],
    reporter,
    out: v.out,
    jobs: positiveInt('--jobs', v.jobs, availableParallelism()),
    timeoutMs: positiveInt('--timeout', v.timeout, 30_000, MAX_TIMEOUT_MS),
    maxOutputBytes: positiveInt('--max-output', v['max-output'], 1024 * 1024),
    expectFailures: v['expect-failures'],
    printKnownFailures: v['print-known-failures'] ?? false,
    updateGoldens: v['update-goldens'] ?? false,
    updateGoldensFromFailingExit: v['update-goldens-from-failing-exit'] ?? false,
    shard,
    shardText: v.shard,
    casesDir: v.cases,
    rerunFailed: v['rerun-failed'],
    help: v.help ?? false,
  };
}
