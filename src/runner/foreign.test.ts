// Proof that the runner judges an implementation written in another language: the Python example
// in conformance/examples/python/coder (standard library only) is run by the built runner
// (bin/coder-conformance, as a user would run it) against the simulator's loopback server and
// forward proxy. Every selected core case passes (core checks stdout, exit code, the requests and
// that an error reaches stderr, not upstream's wording); at level strict the example fails only
// strict cases. The AWS metadata requests went through the proxy (HTTP_PROXY) and the coderd
// requests did not.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import picomatch from 'picomatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from './root.ts';
import type { RunReport } from './report/summary.ts';

const root = packageRoot();
const EXAMPLE = 'conformance/examples/python/coder';
// Everything the example implements. Whole groups it does not implement (extra/, json/, azure/,
// gcp/, help/, the Azure and GCP metadata cases) are left out here rather than listed as failures.
const FILTERS = ['token/**', 'aws/**', 'url-answer/**', 'url/**', 'auth/**', 'args/**', 'coderd-errors/**', 'metadata/aws-*'];

let dir: string;
/**
 * PATH for the runner: the directory of the python3 that PATH finds put first. A version manager's shim
 * (pyenv's is a bash script that execs the real interpreter) costs ~50 ms of CPU per start here, and the
 * example starts once per case (~300 cases); the interpreter it ends at is the same.
 */
let path: string;

function runRunner(extra: string[]): { code: number | null; report: RunReport; stdout: string; stderr: string } {
  const out = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  const args = ['bin/coder-conformance', 'run', '--bin', EXAMPLE, '--profile', 'pr24325', '--level', 'core', ...extra, '--reporter', 'json', '--out', out];
  const r = spawnSync(process.execPath, args, { cwd: root, env: { PATH: path }, encoding: 'utf8', timeout: 300_000 });
  if (!existsSync(out)) throw new Error(`the runner wrote no report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { code: r.status, report: JSON.parse(readFileSync(out, 'utf8')) as RunReport, stdout: r.stdout, stderr: r.stderr };
}

const filterArgs = (filters: string[]) => filters.flatMap((f) => ['--filter', f]);

// The core run over FILTERS, made once: the first test judges all of it, the second the traffic of
// its AWS and token cases (a subset of FILTERS, so a run of their own would repeat the same cases).
let coreRun: ReturnType<typeof runRunner> | undefined;
const core = () => (coreRun ??= runRunner(filterArgs(FILTERS)));

beforeAll(() => {
  const py = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  if (py.error || py.status !== 0) {
    throw new Error(`python3 is needed for this test (the example implementation ${EXAMPLE} is a Python 3 script): ${py.error?.message ?? py.stderr}`);
  }
  const executable = py.stdout.trim();
  path = isAbsolute(executable) ? [dirname(executable), process.env.PATH].join(delimiter) : (process.env.PATH ?? '');
  if (!existsSync(`${root}/dist/coder-conformance.mjs`)) throw new Error('dist/coder-conformance.mjs is missing: run "npm run build" first (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'foreign-test-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an implementation in another language (Python) is judged', () => {
  it('passes every selected core case; the run exits 0', { timeout: 300_000 }, () => {
    const { code, report, stdout } = core();
    const notPassing = report.results.filter((r) => r.outcome !== 'pass');
    expect(notPassing.map((r) => `${r.id}: ${r.outcome}`)).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toContain('result: PASS (exit 0)');
    expect(report.counts).toMatchObject({ failed: 0, knownFailing: 0, unexpectedlyPassing: 0, skipped: 0 });
    expect(report.counts.passed).toBe(report.counts.selected);
    expect(report.counts.passed).toBeGreaterThanOrEqual(60);
    const passed = report.results.filter((r) => r.outcome === 'pass').map((r) => r.id);
    // The heart of it: token auth, the output rules, and the agent-name cases of #24325.
    for (const id of [
      'token/github',
      'token/file-trimmed',
      'token/non-ascii',
      'token/missing',
      'url-answer/printed',
      'url/checked-before-auth',
      'aws/single-agent',
      'aws/multi-agent/no-name',
      'aws/name/flag',
      'aws/name/env',
      'aws/name/empty-env',
      'aws/name/whitespace',
      'aws/name/padded',
      'aws/name/unicode-space',
      'aws/name/bom',
      'aws/duplicate-names/main',
      'metadata/aws-requests',
    ])
      expect(passed).toContain(id);
    // Errors in its own words are fine at core: they reach stderr, with exit 1 and nothing sent.
    const none = report.results.find((r) => r.id === 'args/none')!;
    expect([none.outcome, none.process!.exitCode, none.process!.stderr.length > 0, none.journal.length]).toEqual(['pass', 1, true, 0]);
    expect(none.process!.stderr).not.toContain('wanted 1 args but got 0');
  });

  it('reaches the AWS metadata address only through the proxy, and coderd on loopback directly', { timeout: 300_000 }, () => {
    const { code, report } = core();
    expect(code).toBe(0);
    const ids = picomatch(['aws/**', 'metadata/aws-*', 'token/github']);
    const results = report.results.filter((r) => ids(r.id));
    expect(results.filter((r) => r.outcome !== 'pass').map((r) => r.id)).toEqual([]);
    const entries = results.flatMap((r) => r.journal);
    const metadata = entries.filter((e) => e.service === 'aws');
    const coderd = entries.filter((e) => e.service === 'coderd');
    // three IMDSv2 requests (token, signature, document) per AWS case
    expect(metadata.length).toBeGreaterThanOrEqual(3 * 26);
    expect(new Set(metadata.map((e) => `${e.method} ${e.url} proxied=${e.proxied}`))).toEqual(
      new Set([
        'PUT http://169.254.169.254/latest/api/token proxied=true',
        'GET http://169.254.169.254/latest/dynamic/instance-identity/signature proxied=true',
        'GET http://169.254.169.254/latest/dynamic/instance-identity/document proxied=true',
      ]),
    );
    const ttl = metadata
      .filter((e) => e.operationId === 'awsPutToken')
      .map((e) => e.headers.find(([n]) => n.toLowerCase() === 'x-aws-ec2-metadata-token-ttl-seconds')?.[1]);
    expect(new Set(ttl)).toEqual(new Set(['21600']));
    // urllib would proxy 127.0.0.1 too (NO_PROXY is empty); the example exempts loopback as Go does.
    expect(coderd.length).toBeGreaterThan(0);
    expect(coderd.filter((e) => e.proxied).map((e) => e.url)).toEqual([]);
    expect(coderd.every((e) => e.url.startsWith('http://127.0.0.1:'))).toBe(true);
    expect(entries.filter((e) => e.service !== 'aws' && e.service !== 'coderd')).toEqual([]);
  });

  it("at level strict it fails only strict cases: upstream's exact wording, which it does not copy (exit 1)", { timeout: 300_000 }, () => {
    const { code, report } = runRunner([...filterArgs(['args/**', 'auth/**', 'url/**']), '--level', 'strict']);
    const failing = report.results.filter((r) => r.outcome === 'fail');
    expect(failing.map((r) => r.id)).toEqual(expect.arrayContaining(['args/none-exact', 'args/unknown-flag-exact', 'auth/env-exact', 'url/missing-exact']));
    expect(failing.filter((r) => r.level !== 'strict').map((r) => r.id)).toEqual([]);
    expect(report.results.filter((r) => r.level === 'core').every((r) => r.outcome === 'pass')).toBe(true);
    expect(code).toBe(1);
  });
});
