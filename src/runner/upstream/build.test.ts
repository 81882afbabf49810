// `coder-conformance upstream build` against the real go command and a fake module proxy on
// 127.0.0.1 (fake-proxy.ts) serving small modules named github.com/coder/coder/v2: a good build,
// the cache reuse, the slim fallback, and the bad inputs (bad version, unknown version, a module the
// proxy refuses, a failed build, no go): one error naming the version, go's last lines, exit 2,
// nothing left in the cache. Needs Go: without it the file is skipped with a visible message,
// except under CI, where a missing Go fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../command/cli.ts';
import type { CertIndex } from './certify.ts';
import { certify } from './command.ts';
import { goSumLines, startFakeProxy, type FakeModule, type FakeProxy } from './fake-proxy.ts';

const goFound = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
if (!goFound) {
  if (process.env.CI)
    throw new Error('src/runner/upstream/build.test.ts: go is not on PATH; CI must have Go (the upstream build tests may not be skipped in CI)');
  console.warn('SKIPPED src/runner/upstream/build.test.ts: go is not on PATH (install Go 1.25+ to test `coder-conformance upstream build`)');
}

const MOD = 'github.com/coder/coder/v2';
const GOMOD = `module ${MOD}\n\ngo 1.21\n`;
const BUILDINFO = 'package buildinfo\n\nvar tag string\n\nvar slim bool\n\nfunc Version() string { v := "v" + tag; if slim { v += " slim" }; return v }\n';
const SLIM = '//go:build slim\n\npackage buildinfo\n\nfunc init() { slim = true }\n';
const MAIN = (extra = '') =>
  `package main\n\nimport (\n\t"fmt"\n\t"os"\n\n\t"${MOD}/buildinfo"${extra ? '\n\t"example.com/dep/hello"' : ''}\n)\n\nfunc main() {\n\tif len(os.Args) > 1 && os.Args[1] == "version" {\n\t\tfmt.Println("Coder " + buildinfo.Version())\n\t\treturn\n\t}\n${extra}\tos.Exit(3)\n}\n`;

const coder = (version: string, files: Record<string, string> = {}, refuse?: FakeModule['refuse']): FakeModule => ({
  path: MOD,
  version,
  refuse,
  files: { 'go.mod': GOMOD, 'buildinfo/buildinfo.go': BUILDINFO, 'buildinfo/slim.go': SLIM, 'cmd/coder/main.go': MAIN(), ...files },
});

// The replaced dependency of v2.0.2 (like upstream's `replace tailscale.com => github.com/coder/tailscale ...`):
// its .info and .mod are served, its zip is refused.
const REFUSED_DEP: FakeModule = {
  path: 'example.com/refused',
  version: 'v1.0.0',
  refuse: ['zip'],
  files: { 'go.mod': 'module example.com/dep\n\ngo 1.21\n', 'hello/hello.go': 'package hello\n\nfunc Hello() string { return "hi" }\n' },
};

const MODULES: FakeModule[] = [
  coder('v2.0.1'),
  coder('v2.0.2', {
    'go.mod': `${GOMOD}\nrequire example.com/dep v1.0.0\n\nreplace example.com/dep => example.com/refused v1.0.0\n`,
    'go.sum': goSumLines(REFUSED_DEP),
    'cmd/coder/main.go': MAIN('\t_ = hello.Hello()\n'),
  }),
  REFUSED_DEP,
  coder('v2.0.3', { 'cmd/coder/broken.go': 'package main\n\nvar _ = undefinedThing\n' }),
  coder('v2.0.4', { 'buildinfo/slim.go': '//go:build slim\n\npackage buildinfo\n\nvar _ int = "slim builds of v2.0.4 do not compile"\n' }),
  coder('v2.0.5', {}, ['info', 'mod', 'zip']),
];

let proxy: FakeProxy;
let work: string;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  if (!goFound) return;
  proxy = await startFakeProxy(MODULES);
  work = mkdtempSync(join(tmpdir(), 'upstream-build-'));
  mkdirSync(join(work, 'cache'));
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    XDG_CACHE_HOME: join(work, 'cache'),
    GOPROXY: proxy.url,
    GOSUMDB: 'off',
    GOTOOLCHAIN: 'local',
    GOMODCACHE: join(work, 'gomod'),
    GOCACHE: process.env.GOCACHE ?? execFileSync('go', ['env', 'GOCACHE'], { encoding: 'utf8' }).trim(),
    GOFLAGS: '-modcacherw',
  };
});

afterAll(async () => {
  if (!goFound) return;
  await proxy.close();
  rmSync(work, { recursive: true, force: true });
});

async function run(argv: string[], e = env) {
  let stdout = '';
  let stderr = '';
  const code = await cli(
    { argv: ['upstream', ...argv], env: e, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } },
    { startSimulator: () => Promise.reject(new Error('not used')), contract: () => [] },
  );
  return { code, stdout, stderr };
}

const upstreamDir = () => join(work, 'cache', 'coder-agent-conformance', 'upstream');
/** The cache holds exactly these version entries and no temporary build folders. */
const cacheEntries = () => (existsSync(upstreamDir()) ? readdirSync(upstreamDir()).sort() : []);
/** The command's error lines (progress lines say which go command runs; they are not errors). */
const errorText = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => !/^coder-conformance: go /.test(l) && !/^coder-conformance: the -tags/.test(l))
    .join('\n');

/** Builds `version`, which must fail: exit 2 and no cache entry or build folder left; returns the error lines. */
async function failedBuild(version: string) {
  const r = await run(['build', version]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(cacheEntries()).not.toContain(version);
  expect(cacheEntries().filter((e) => e.startsWith('.'))).toEqual([]);
  return { err: errorText(r.stderr), stderr: r.stderr };
}

describe.runIf(goFound)('coder-conformance upstream build', () => {
  it('builds ./cmd/coder with -tags slim and the version tag, prints path, coder version and Go version; then reuses the cache', async () => {
    // A build folder abandoned by a killed build (its process is gone) is swept away.
    const dead = spawnSync('true').pid;
    mkdirSync(join(upstreamDir(), `.building-v2.0.1-${dead}-0badc0de`), { recursive: true });
    const r = await run(['build', 'v2.0.1']);
    expect(r.stderr).toContain(`go mod download -json ${MOD}@v2.0.1`);
    expect(r.code).toBe(0);
    const bin = join(upstreamDir(), 'v2.0.1', 'coder');
    const goVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
    expect(r.stdout).toBe(
      `binary: ${bin}\nversion: v2.0.1 (built in ${/built in (\d+) s/.exec(r.stdout)?.[1]} s, -tags slim)\ngo: ${goVersion}\ncoder version:\n  Coder v2.0.1 slim\n`,
    );
    expect(execFileSync(bin, ['version'], { encoding: 'utf8' })).toBe('Coder v2.0.1 slim\n');
    expect(cacheEntries()).toEqual(['v2.0.1']);

    // Reused: with the proxy unreachable and no go on PATH, it still answers from the cache.
    const again = await run(['build', 'v2.0.1'], { ...env, GOPROXY: 'off', PATH: '/nonexistent' });
    expect(again).toEqual({ code: 0, stdout: `binary: ${bin}\nversion: v2.0.1 (cached)\ngo: ${goVersion}\ncoder version:\n  Coder v2.0.1 slim\n`, stderr: '' });
  }, 240_000); // the first build may compile the standard library into a cold GOCACHE

  it('falls back to a build without tags when the slim build fails to compile', async () => {
    const r = await run(['build', 'v2.0.4']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the -tags slim build failed; trying without tags');
    expect(r.stdout).toContain('version: v2.0.4 (built in ');
    expect(r.stdout).not.toContain('-tags slim');
    expect(r.stdout).toContain('coder version:\n  Coder v2.0.4\n');
  });

  it('an unknown version: one error naming it, the end of go output, exit 2, nothing cached', async () => {
    const { err } = await failedBuild('v2.0.9');
    expect(err).toMatch(
      new RegExp(
        `^coder-conformance: upstream build v2\\.0\\.9: unknown version: the Go module proxy has no ${MOD}@v2\\.0\\.9 \\(go mod download, exit 1\\)\nlast lines of go output:\n  .*v2\\.0\\.9\\.info: 404 Not Found\n  \tserver response: .*unknown revision v2\\.0\\.9\n$`,
      ),
    );
  });

  it('a version the proxy refuses (403): says so', async () => {
    const { err } = await failedBuild('v2.0.5');
    expect(err.split('\n')[0]).toBe(
      `coder-conformance: upstream build v2.0.5: the Go module proxy refused ${MOD}@v2.0.5 (403: not served by this proxy, or no such version) (go mod download, exit 1)`,
    );
    expect(err).toContain('This module version is not available.');
  });

  it('a replaced dependency the proxy refuses fails the build (once, not retried without slim): exit 2, nothing cached', async () => {
    const before = proxy.requests.length;
    const { err, stderr } = await failedBuild('v2.0.2');
    expect(err.split('\n')[0]).toBe(
      'coder-conformance: upstream build v2.0.2: go build failed: the Go module proxy refused a module it needs (./cmd/coder, exit 1)',
    );
    expect(err).toContain('example.com/refused@v1.0.0');
    expect(err).toContain('403 Forbidden');
    expect(stderr).not.toContain('trying without tags');
    expect(proxy.requests.slice(before)).toContain('/example.com/refused/@v/v1.0.0.zip');
  });

  it('a build that does not compile: the compiler error, exit 2, nothing cached', async () => {
    const { err } = await failedBuild('v2.0.3');
    expect(err.split('\n')[0]).toBe('coder-conformance: upstream build v2.0.3: go build failed (./cmd/coder, exit 1)');
    expect(err).toMatch(/broken\.go:3:9: undefined: undefinedThing/);
  });

  it('bad arguments and a missing go are one line each, exit 2, before go runs', async () => {
    const before = proxy.requests.length;
    expect(await run(['build', 'latest'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `coder-conformance: upstream build latest: "latest" is not a module version of ${MOD} (want a release tag such as v2.36.0 or a pseudo-version such as v2.33.0-rc.0.20260416120000-0123456789ab)\n`,
    });
    expect((await run(['build'])).stderr).toBe(
      'coder-conformance: upstream build: want exactly one <version>, got 0 (see: coder-conformance upstream --help)\n',
    );
    expect((await run(['build', 'v2.0.1', '--fast'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    const noGo = await run(['build', 'v2.0.6'], { ...env, PATH: '/nonexistent' });
    expect(noGo).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coder-conformance: upstream build v2.0.6: go not found on PATH (Go 1.25 or newer is needed to build upstream coder)\n',
    });
    expect(proxy.requests.length).toBe(before);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: coder-conformance upstream build <version>');
  });

  it('an incomplete cache entry (binary deleted) is rebuilt, not trusted', async () => {
    await run(['build', 'v2.0.1']);
    const bin = join(upstreamDir(), 'v2.0.1', 'coder');
    chmodSync(bin, 0o644);
    const r = await run(['build', 'v2.0.1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('version: v2.0.1 (built in ');
  });

  it('certify: builds the planned version, runs its own and cross profiles (known failures where a file exists), writes reports and the index', async () => {
    const dir = join(work, 'cert');
    mkdirSync(dir);
    const plan: CertIndex = { plan: [{ version: 'v2.0.1', profile: 'pr24325', cross: ['pr26883'], evidence: 'test' }], certifications: [] };
    writeFileSync(join(dir, 'certifications.json'), JSON.stringify(plan));
    writeFileSync(join(dir, 'v2.0.1.pr26883.known-failures.yaml'), 'known_failures:\n  - id: json/github\n    reason: boundary\n');
    const runs: string[][] = [];
    // Stands in for `coder-conformance run`: records its arguments and writes a report like it.
    const runSuite = async (argv: string[]) => {
      runs.push(argv);
      const opt = (name: string) => argv[argv.indexOf(name) + 1]!;
      const cross = opt('--profile') === 'pr26883';
      const counts = { selected: 3, run: 3, passed: cross ? 2 : 3, failed: 0, knownFailing: cross ? 1 : 0, unexpectedlyPassing: 0, skipped: 0 };
      writeFileSync(
        opt('--out'),
        JSON.stringify({
          format: 'coder-conformance-report',
          profile: opt('--profile'),
          level: 'strict',
          startedAt: '2026-12-03T00:00:00.000Z',
          counts,
          exitCode: cross ? 1 : 0,
          results: [],
        }),
      );
      return cross ? 1 : 0;
    };
    let stdout = '';
    let stderr = '';
    const io = { argv: [], env, stdout: { write: (x: string) => (stdout += x) }, stderr: { write: (x: string) => (stderr += x) } };
    const bin = join(upstreamDir(), 'v2.0.1', 'coder');
    expect(await certify([], io, runSuite, dir)).toBe(1);
    expect(runs).toEqual([
      ['--bin', bin, '--profile', 'pr24325', '--level', 'strict', '--reporter', 'json', '--out', join(dir, 'v2.0.1.pr24325.json')],
      [
        '--bin',
        bin,
        '--profile',
        'pr26883',
        '--level',
        'strict',
        '--reporter',
        'json',
        '--out',
        join(dir, 'v2.0.1.pr26883.json'),
        '--expect-failures',
        join(dir, 'v2.0.1.pr26883.known-failures.yaml'),
      ],
    ]);
    const index = JSON.parse(readFileSync(join(dir, 'certifications.json'), 'utf8')) as CertIndex;
    expect(index.plan).toEqual(plan.plan);
    expect(index.certifications.map((c) => [c.report, c.relation, c.knownFailures, c.counts.passed, c.exitCode, c.coderVersion, c.date])).toEqual([
      ['v2.0.1.pr24325.json', 'own', null, 3, 0, 'Coder v2.0.1 slim', '2026-12-03T00:00:00.000Z'],
      ['v2.0.1.pr26883.json', 'cross', 'v2.0.1.pr26883.known-failures.yaml', 2, 1, 'Coder v2.0.1 slim', '2026-12-03T00:00:00.000Z'],
    ]);
    // Every case the profile selects is fingerprinted.
    expect(Object.keys(index.certifications[0]!.cases)).toContain('token/github');
    expect(Object.keys(index.certifications[1]!.cases)).toContain('json/github');
    expect(stdout).toContain('| v2.0.1 | pr26883 | cross | 3 | 2 | 0 | [1](upstream/v2.0.1.pr26883.known-failures.yaml) | 1 | 2026-12-03 |');

    // --out-dir: results elsewhere, the plan's folder untouched.
    const out = join(work, 'cert-out');
    const before = readFileSync(join(dir, 'certifications.json'), 'utf8');
    expect(await certify(['v2.0.1', '--out-dir', out], io, runSuite, dir)).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['certifications.json', 'v2.0.1.pr24325.json', 'v2.0.1.pr26883.json']);
    expect(readFileSync(join(dir, 'certifications.json'), 'utf8')).toBe(before);

    // A version outside the plan, or one that cannot be built: exit 2, nothing run.
    runs.length = 0;
    stderr = '';
    expect(await certify(['v2.0.3'], io, runSuite, dir)).toBe(2);
    expect(stderr).toBe(`coder-conformance: upstream certify: v2.0.3 not in the plan of ${join(dir, 'certifications.json')}\n`);
    writeFileSync(
      join(dir, 'certifications.json'),
      JSON.stringify({ plan: [{ version: 'v2.0.3', profile: 'pr24325', cross: [], evidence: '' }], certifications: [] }),
    );
    stderr = '';
    expect(await certify([], io, runSuite, dir)).toBe(2);
    expect(stderr.split('\n').filter((l) => l.startsWith('coder-conformance: upstream certify'))).toEqual([
      'coder-conformance: upstream certify v2.0.3: go build failed (./cmd/coder, exit 1)',
    ]);
    expect(runs).toEqual([]);
  });
});
