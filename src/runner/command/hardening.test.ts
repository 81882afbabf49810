// Bad input to `coder-conformance run|list`: each is one clear line and exit 2, never a hang, a
// stack trace or node's multi-line parseArgs text; an empty selection is exit 2 for list as for run.
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, type CliDeps } from './cli.ts';
import { parseRunArgs, RUN_USAGE } from './cli-args.ts';
import { REPORTERS } from '../report/reporters/index.ts';
import { contractOperations } from '../report/contract.ts';
import { prepareReportPath } from './out-path.ts';
import { decodeOutput } from '../exec/process.ts';
import type { StartSimulator } from '../exec/run-case.ts';

const dir = mkdtempSync(join(tmpdir(), 'runner-hardening-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MINI = fileURLToPath(new URL('../fixtures/mini-coder.mjs', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/coder-conformance', import.meta.url));

let starts = 0;
const noSimulator: StartSimulator = () => {
  starts++;
  return Promise.reject(new Error('no case may start in these tests'));
};
const deps: CliDeps = { startSimulator: noSimulator, contract: contractOperations };

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await cli(
    { argv, env: { PATH: process.env.PATH }, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } },
    deps,
  );
  return { code, stdout, stderr };
}

const HINT = 'Run "coder-conformance run --help" for the options.\n';
const usage = (line: string) => ({ code: 2, stdout: '', stderr: `coder-conformance: ${line}\n${HINT}` });

describe('run: bad option values are one line and exit 2', () => {
  it('negative numbers are judged by the option, not by node as "ambiguous"', async () => {
    starts = 0;
    expect(await run(['run', '--bin', MINI, '--jobs', '-1'])).toEqual(usage('--jobs must be a positive integer, got "-1"'));
    expect(await run(['run', '--bin', MINI, '--max-output', '-5'])).toEqual(usage('--max-output must be a positive integer, got "-5"'));
    expect(await run(['run', '--bin', MINI, '--timeout', '-0'])).toEqual(usage('--timeout must be a positive integer, got "-0"'));
    expect(await run(['list', '--shard', '-1/2'])).toEqual(usage('--shard must look like I/N (e.g. 2/4), got "-1/2"'));
    expect(starts).toBe(0);
  });
  it('a value that is another option is a forgotten value', async () => {
    expect(await run(['run', '--out', '--jobs', '2'])).toEqual(
      usage('--out needs a value, got the option --jobs (a value starting with "--" is written --out=--jobs)'),
    );
  });
  it('a single-dash value is the value (pflag does the same): --arg-prefix -u', () => {
    expect(parseRunArgs(['--arg-prefix', '-u', '--arg-prefix', 'x', '--filter', '-']).argPrefix).toEqual(['-u', 'x']);
    expect(parseRunArgs(['--arg-prefix=--flag']).argPrefix).toEqual(['--flag']);
  });
  it('empty paths are refused, not taken as "the default"', async () => {
    for (const name of ['out', 'cases', 'expect-failures', 'bin']) {
      expect(await run(['run', `--${name}`, ''])).toEqual(usage(`--${name} is empty`));
      expect(await run(['run', `--${name}=`])).toEqual(usage(`--${name} is empty`));
    }
  });
  it("unknown options and positionals: node's first line only", async () => {
    expect(await run(['run', '--bogus'])).toEqual(usage("Unknown option '--bogus'"));
    expect((await run(['run', 'extra'])).stderr.split('\n')).toHaveLength(3);
  });
});

describe('--reporter', () => {
  it('the usage text and the error name every reporter of the registry', () => {
    const line = RUN_USAGE.split('\n').find((l) => l.trimStart().startsWith('--reporter'));
    for (const name of Object.keys(REPORTERS)) expect(line).toContain(name);
    expect(() => parseRunArgs(['--reporter', 'xml'])).toThrow(`--reporter must be one of ${Object.keys(REPORTERS).join(', ')}, got "xml"`);
  });
});

describe('--out', () => {
  it('a parent under /proc (mkdir answers ENOENT for an existing folder) is one line, no hang', async () => {
    // Through the built command, in its own process: Node's recursive mkdirSync looped forever here.
    const r = await execa(process.execPath, [BIN, 'run', '--bin', MINI, '--out', '/proc/nope/r.xml'], {
      reject: false,
      timeout: 60_000,
      env: { PATH: process.env.PATH },
      extendEnv: false,
    });
    expect([r.exitCode, r.timedOut, r.stdout, r.stderr]).toEqual([
      2,
      false,
      '',
      'coder-conformance: cannot write the report to /proc/nope/r.xml: cannot create /proc/nope: ENOENT',
    ]);
  });
  it('creates missing folders one level at a time; refuses a file on the way and a directory target', () => {
    const deep = join(dir, 'a', 'b', 'c', 'r.xml');
    expect(prepareReportPath(deep)).toBeUndefined();
    expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
    const file = join(dir, 'file');
    writeFileSync(file, '');
    expect(prepareReportPath(join(file, 'x', 'r.xml'))).toBe(`cannot write the report to ${join(file, 'x', 'r.xml')}: ${file} is not a directory`);
    expect(prepareReportPath(join(dir, 'a'))).toBe(`--out ${join(dir, 'a')} is a directory`);
  });
});

describe('list and --cases', () => {
  it("list exits 2 on an empty selection, with run's message", async () => {
    const want = { code: 2, stdout: '', stderr: 'coder-conformance: no cases selected (profile pr24325, level strict, filter nomatch/**)\n' };
    expect(await run(['list', '--filter', 'nomatch/**'])).toEqual(want);
    expect(await run(['run', '--bin', MINI, '--filter', 'nomatch/**'])).toEqual(want);
  });
  it('a --cases path that is a file is a load error, not an internal error', async () => {
    const file = join(dir, 'cases.yaml');
    writeFileSync(file, 'x: 1\n');
    expect(await run(['list', '--cases', file])).toEqual({ code: 2, stdout: '', stderr: `coder-conformance: cannot read cases directory ${file}: ENOTDIR\n` });
  });
});

describe('output decoding', () => {
  it('a leading BOM the binary printed is kept (TextDecoder would drop it)', () => {
    expect(decodeOutput(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61, 0x0a))).toBe('\ufeffa\n');
    expect(decodeOutput(Uint8Array.of(0xef, 0xbb, 0xbf, 0xff))).toBe('\ufeff\udcff');
  });
});
