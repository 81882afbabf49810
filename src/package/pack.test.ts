// The published package: `npm pack` holds the built dist/ (with the reference's code cache), the cases, scenarios, goldens, schemas and
// openapi.yaml, and no tests or sources; installed into an empty directory it runs cases against a
// binary (`npx <tarball> run --bin ...`), and both commands answer --version.
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { name: string; version: string };
const work = mkdtempSync(join(tmpdir(), 'package-'));
let tarball = '';
let files: string[] = [];
const quiet = { env: { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_loglevel: 'error' } };

beforeAll(async () => {
  // dist/ is already built by vitest's global setup; --ignore-scripts keeps `prepare` from rebuilding
  // it under the feet of the tests running in parallel.
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: repo, ...quiet });
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info.filename);
  files = info.files.map((f) => f.path).sort();
  await execa('npm', ['install', '--prefer-offline', '--no-save', '--no-package-lock', tarball], { cwd: work, ...quiet });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm pack', () => {
  it('holds the built dist/, cases, goldens, scenarios, schemas and the contract', () => {
    for (const f of [
      'package.json',
      'README.md',
      'openapi.yaml',
      'bin/coder',
      'bin/coder-conformance',
      'bin/package.json',
      'dist/coder.cjs',
      'dist/coder.cjs.cache',
      'dist/coder-conformance.mjs',
      'conformance/case.schema.json',
      'conformance/README.md',
      'conformance/cases/token/github.yaml',
      'conformance/cases/goldens/coder_external-auth_access-token_--help.pr24325.golden',
      'fixtures/scenarios/scenario.schema.json',
      'fixtures/scenarios/aws-multi-agent.yaml',
      'pacts/coder-agent-coderd.json',
    ])
      expect(files, f).toContain(f);
  });
  it('holds no tests, no TypeScript sources and no test fixtures', () => {
    expect(files.filter((f) => /\.test\.|(^|\/)src\/|\.ts$|fixtures\/broken|vitest/.test(f))).toEqual([]);
  });
  it('holds only the chunks of this build (each one imported by a file of dist/)', () => {
    const chunks = files.filter((f) => f.startsWith('dist/chunks/'));
    const dist = files.filter((f) => f.startsWith('dist/') && f.endsWith('.mjs')).map((f) => readFileSync(join(repo, f), 'utf8'));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.filter((c) => !dist.some((text) => text.includes(`chunks/${basename(c)}`) || text.includes(`./${basename(c)}`)))).toEqual([]);
  });
});

describe('installed into an empty directory', () => {
  const bin = (name: string) => join(work, 'node_modules', '.bin', name);

  it("--version on coder-conformance (the suite) and on the reference CLI (upstream's root flag)", async () => {
    expect((await execa(bin('coder-conformance'), ['--version'])).stdout).toBe(`coder-conformance ${pkg.version} (${pkg.name})`);
    const ref = await execa(bin('coder-reference'), ['--version'], { reject: false, stripFinalNewline: false });
    expect([ref.exitCode, ref.stdout, ref.stderr]).toEqual([
      0,
      'Coder v0.0.0-devel\r\nhttps://github.com/coder/coder\r\n\r\nSlim build of Coder, does not support the server subcommand.\n',
      '',
    ]);
  });

  it('npx <tarball> run --bin ... judges a binary with the packaged cases and records the suite', async () => {
    // npx takes a tarball as a relative path (an absolute one is run as a command).
    const r = await execa(
      'npx',
      ['--yes', `./${basename(tarball)}`, 'run', '--bin', bin('coder-reference'), '--filter', 'token/*', '--filter', 'help/pr24325', '--reporter', 'json'],
      {
        cwd: work,
        reject: false,
        ...quiet,
      },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      suite: { version: string; casesHash: string };
      counts: { passed: number; failed: number };
      results: { id: string }[];
    };
    expect(report.suite.version).toBe(pkg.version);
    expect(report.suite.casesHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(report.counts.failed).toBe(0);
    expect(report.results.map((c) => c.id)).toContain('help/pr24325');
    expect(report.counts.passed).toBeGreaterThan(5);
  });
});
