// `coder-conformance upstream ...`: builds real upstream `coder` binaries from the Go module proxy
// (build.ts) so the suite can be run against them. Returns the exit code; never exits itself.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCases } from '../cases/load-cases.ts';
import { selectCases } from '../cases/select.ts';
import type { Profile } from '../types.ts';
import type { RunReport } from '../report/summary.ts';
import { buildUpstream, cacheRoot, UpstreamBuildError, type BuildInfo } from './build.ts';
import {
  caseFingerprint,
  certDir,
  stableReport,
  formatIndex,
  INDEX_FILE,
  knownFailuresName,
  readIndex,
  reportName,
  summaryTable,
  type Certification,
} from './certify.ts';

export interface UpstreamIO {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  signal?: AbortSignal;
}

/** Runs `coder-conformance run ARGV` (given by the runner's command, which owns it). */
export type RunSuite = (argv: string[]) => Promise<number>;

export const UPSTREAM_USAGE = `Usage: coder-conformance upstream build <version> [--no-slim]
       coder-conformance upstream certify [<version>...] [--out-dir DIR]
       coder-conformance upstream summary

Builds upstream's coder CLI (github.com/coder/coder/v2@<version>, ./cmd/coder) with the Go
toolchain on PATH through the Go module proxy (GOPROXY as configured): \`go mod download\`, then
\`go build -tags slim\` inside the downloaded module (without tags if the slim build fails).
The binary is cached at \${XDG_CACHE_HOME:-~/.cache}/coder-agent-conformance/upstream/<version>/coder
and reused when present. Prints the binary's path, \`coder version\` and the Go version.

  <version>    a release tag (v2.36.0) or a pseudo-version of a commit
  --no-slim    build the full CLI only

\`certify\` builds (or reuses) each version of the plan in conformance/upstream/certifications.json
(all of them without arguments) and runs the suite against it at level strict with its own profile
and its cross profiles, with conformance/upstream/<version>.<profile>.known-failures.yaml where it
exists; it writes conformance/upstream/<version>.<profile>.json and the index (or, with --out-dir,
writes them to DIR only), and prints the table.
\`summary\` prints the summary table of the committed certifications.

Exit codes: 0 built or reused (certify: every run passed or failed only known failures);
1 a certification run failed; 2 bad arguments, or the version could not be downloaded or built.
Then: coder-conformance run --bin <path> --profile <profile> --level strict
`;

function fail(io: UpstreamIO, message: string, tail: string[] = []): number {
  io.stderr.write(`coder-conformance: upstream build${message}\n`);
  if (tail.length) io.stderr.write(`last lines of go output:\n${tail.map((l) => `  ${l}`).join('\n')}\n`);
  return 2;
}

export async function upstreamCommand(io: UpstreamIO, runSuite?: RunSuite): Promise<number> {
  const [sub, ...rest] = io.argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    io.stdout.write(UPSTREAM_USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub === 'summary') {
    io.stdout.write(summaryTable(readIndex()));
    return 0;
  }
  if (sub === 'certify') {
    if (!runSuite) {
      io.stderr.write('coder-conformance: upstream certify is not available here\n');
      return 2;
    }
    return certify(rest, io, runSuite);
  }
  if (sub !== 'build') {
    io.stderr.write(`coder-conformance: upstream: unknown command ${JSON.stringify(sub)}\n${UPSTREAM_USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(UPSTREAM_USAGE);
    return 0;
  }
  let slim = true;
  const positional: string[] = [];
  for (const a of rest) {
    if (a === '--no-slim') slim = false;
    else if (a.startsWith('-')) return fail(io, `: unknown option ${JSON.stringify(a)} (see: coder-conformance upstream --help)`);
    else positional.push(a);
  }
  if (positional.length !== 1) return fail(io, `: want exactly one <version>, got ${positional.length} (see: coder-conformance upstream --help)`);
  const version = positional[0]!;
  try {
    const info = await buildUpstream({ version, env: io.env, slim, signal: io.signal, log: (l) => io.stderr.write(`coder-conformance: ${l}\n`) });
    io.stdout.write(
      [
        `binary: ${info.binary}`,
        `version: ${info.version}${info.cached ? ' (cached)' : ` (built in ${info.buildSeconds} s${info.tags.length ? `, -tags ${info.tags.join(',')}` : ''})`}`,
        `go: ${info.goVersion}`,
        'coder version:',
        ...info.coderVersion.split('\n').map((l) => (l ? `  ${l}` : '')),
        '',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    if (err instanceof UpstreamBuildError) {
      const msg = err.message.startsWith(`${version}:`) ? err.message : `${version}: ${err.message}`;
      return fail(io, ` ${msg}`, err.tail);
    }
    throw err;
  }
}

export { cacheRoot };

/** `upstream certify`; `dir` holds the plan, known failures and (without --out-dir) the results. */
export async function certify(argv: string[], io: UpstreamIO, runSuite: RunSuite, dir = certDir()): Promise<number> {
  const index = readIndex(dir);
  // --out-dir: write reports and the index elsewhere (CI), reading plan and known failures from dir.
  let outDir = dir;
  const versions: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--out-dir' && argv[i + 1]) outDir = argv[++i]!;
    else if (a.startsWith('--out-dir=')) outDir = a.slice('--out-dir='.length);
    else if (a.startsWith('-')) {
      io.stderr.write(`coder-conformance: upstream certify: unknown option ${JSON.stringify(a)} (see: coder-conformance upstream --help)\n`);
      return 2;
    } else versions.push(a);
  }
  if (outDir !== dir) {
    mkdirSync(outDir, { recursive: true });
    index.certifications = [];
  }
  const bad = versions.filter((v) => !index.plan.some((p) => p.version === v));
  if (bad.length) {
    io.stderr.write(`coder-conformance: upstream certify: ${bad.join(', ')} not in the plan of ${join(dir, INDEX_FILE)}\n`);
    return 2;
  }
  const plan = versions.length ? index.plan.filter((p) => versions.includes(p.version)) : index.plan;
  const cases = loadCases();
  let worst = 0;
  for (const entry of plan) {
    let info: BuildInfo;
    try {
      info = await buildUpstream({ version: entry.version, env: io.env, signal: io.signal, log: (l) => io.stderr.write(`coder-conformance: ${l}\n`) });
    } catch (err) {
      if (err instanceof UpstreamBuildError) {
        const tail = err.tail.length ? `\nlast lines of go output:\n${err.tail.map((l) => `  ${l}`).join('\n')}` : '';
        io.stderr.write(`coder-conformance: upstream certify ${entry.version}: ${err.message.replace(`${entry.version}: `, '')}${tail}\n`);
        return 2;
      }
      throw err;
    }
    for (const [profile, relation] of [[entry.profile, 'own'], ...entry.cross.map((p) => [p, 'cross'])] as [Profile, 'own' | 'cross'][]) {
      const out = join(outDir, reportName(entry.version, profile));
      const kf = knownFailuresName(entry.version, profile);
      const argv = ['--bin', info.binary, '--profile', profile, '--level', 'strict', '--reporter', 'json', '--out', out];
      if (existsSync(join(dir, kf))) argv.push('--expect-failures', join(dir, kf));
      io.stderr.write(`coder-conformance: run ${argv.join(' ')}\n`);
      const code = await runSuite(argv);
      if (code === 2 || !existsSync(out)) return 2;
      worst = Math.max(worst, code);
      const report = JSON.parse(readFileSync(out, 'utf8')) as RunReport;
      writeFileSync(out, `${JSON.stringify(stableReport(report as unknown as Record<string, unknown>, cacheRoot(io.env)), null, 2)}\n`);
      const selected = selectCases(cases, { profile, level: 'strict', filters: [] }).selected;
      const cert: Certification = {
        version: entry.version,
        profile,
        relation,
        level: 'strict',
        report: reportName(entry.version, profile),
        knownFailures: existsSync(join(dir, kf)) ? kf : null,
        date: report.startedAt,
        go: info.goVersion,
        coderVersion: info.coderVersion.split('\n')[0] ?? '',
        counts: {
          selected: report.counts.selected,
          passed: report.counts.passed,
          failed: report.counts.failed,
          knownFailing: report.counts.knownFailing,
          unexpectedlyPassing: report.counts.unexpectedlyPassing,
          skipped: report.counts.skipped,
        },
        exitCode: report.exitCode,
        cases: Object.fromEntries(selected.map((c) => [c.id, caseFingerprint(c)])),
      };
      index.certifications = index.certifications.filter((c) => !(c.version === cert.version && c.profile === cert.profile));
      index.certifications.push(cert);
      const order = (c: Certification) => index.plan.findIndex((p) => p.version === c.version);
      index.certifications.sort(
        (a, b) => order(a) - order(b) || (a.relation === b.relation ? a.profile.localeCompare(b.profile) : a.relation === 'own' ? -1 : 1),
      );
      writeFileSync(join(outDir, INDEX_FILE), formatIndex(index));
    }
  }
  io.stdout.write(summaryTable(index));
  return worst;
}
