// Portable cases: a copied cases folder loads (goldens are addressed relative to the cases folder),
// a golden outside the folder is refused on load, the case-set hash ignores where the folder lives
// but follows every edit, and --update-goldens lists what it wrote and refuses a failing exit.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../command/cli.ts';
import { contractOperations } from '../report/contract.ts';
import { loadCases } from './load-cases.ts';
import { goldenRefusal } from '../exec/run-case.ts';
import { paths } from '../root.ts';
import { createSimulatorStarter } from '../exec/simulator.ts';
import { casesHash } from '../report/suite-info.ts';
import { processResult } from '../test-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'runner-portable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function copyCases(): string {
  const to = mkdtempSync(join(dir, 'cases-'));
  cpSync(paths.casesDir(), to, { recursive: true });
  return to;
}

describe('a copied cases folder', () => {
  it('loads, with its goldens, and hashes like the original', () => {
    const original = loadCases();
    const copy = loadCases(copyCases());
    expect(copy.map((c) => c.id)).toEqual(original.map((c) => c.id));
    expect(copy.filter((c) => c.expect.stdout_golden).length).toBeGreaterThan(0);
    expect(casesHash(copy)).toBe(casesHash(original));
    expect(casesHash(original)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
  it('hashes differently after a golden or a case changes', () => {
    const a = copyCases();
    const before = casesHash(loadCases(a));
    appendFileSync(join(a, 'goldens', 'coder_external-auth_access-token_--help.pr24325.golden'), 'x');
    const afterGolden = casesHash(loadCases(a));
    expect(afterGolden).not.toBe(before);
    const file = join(a, 'token', 'github.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: another title'));
    expect(casesHash(loadCases(a))).not.toBe(afterGolden);
  });
  it('refuses a golden outside the cases folder, saying where to keep it', () => {
    const a = copyCases();
    const file = join(a, 'help', 'pr24325.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('stdout_golden: goldens/', 'stdout_golden: ../elsewhere/'));
    expect(() => loadCases(a)).toThrow(
      /help\/pr24325\.yaml: case "help\/pr24325": field \/expect\/stdout_golden: "\.\.\/elsewhere\/coder_external-auth_access-token_--help\.pr24325\.golden" is outside the cases folder .*: a golden is addressed relative to the cases folder and kept inside it, so that a copied folder still loads/,
    );
  });
});

const result = processResult;

describe('--update-goldens', () => {
  it('refuses what is not a clean run with the expected exit, unless asked for a failing exit', () => {
    expect(goldenRefusal(result({}), 0, false)).toBeUndefined();
    expect(goldenRefusal(result({ exitCode: 1 }), 0, false)).toBe('exit 1, the case expects 0 (add --update-goldens-from-failing-exit to record it anyway)');
    expect(goldenRefusal(result({ exitCode: 1 }), 0, true)).toBeUndefined();
    expect(goldenRefusal(result({ exitCode: null, timedOut: true }), 0, true)).toBe('the binary timed out');
    expect(goldenRefusal(result({ exitCode: null, signal: 'SIGSEGV' }), 0, true)).toBe('the binary was killed by SIGSEGV');
    expect(goldenRefusal(result({ exitCode: null, startError: 'ENOENT' }), 0, true)).toBe('the binary did not start (ENOENT)');
    expect(goldenRefusal(result({ stdoutCapped: true }), 0, true)).toBe('stdout reached the --max-output cap');
  });

  async function run(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await cli(
      { argv, env: { PATH: process.env.PATH }, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } },
      { startSimulator: createSimulatorStarter(), contract: contractOperations },
    );
    return { code, stdout, stderr };
  }

  it('lists every file written, and writes nothing from a failing exit', async () => {
    const a = copyCases();
    const golden = join(a, 'goldens', 'coder_external-auth_access-token_--help.pr24325.golden');
    const original = readFileSync(golden, 'utf8');
    writeFileSync(golden, 'stale\n');
    const ok = await run(['run', '--cases', a, '--filter', 'help/pr24325', '--filter', 'help/short-flag', '--update-goldens', '--reporter', 'tap']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(
      /^--update-goldens: wrote 1 golden file\(s\)\n {2}wrote \S*goldens\/coder_external-auth_access-token_--help\.pr24325\.golden \(help\/pr24325, help\/short-flag\)\n$/,
    );
    expect(readFileSync(golden, 'utf8')).toBe(original);

    writeFileSync(golden, 'kept\n');
    const failing = await run([
      'run',
      '--cases',
      a,
      '--filter',
      'help/pr24325',
      '--update-goldens',
      '--bin-env',
      'CODER_REFERENCE_REVISION=nope',
      '--reporter',
      'tap',
    ]);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(
      /^--update-goldens: wrote 0 golden file\(s\), refused 1 recording\(s\)\n {2}refused \S*\.pr24325\.golden for help\/pr24325: exit 2, the case expects 0 \(add --update-goldens-from-failing-exit to record it anyway\)\n$/,
    );
    expect(readFileSync(golden, 'utf8')).toBe('kept\n');

    const forced = await run([
      'run',
      '--cases',
      a,
      '--filter',
      'help/pr24325',
      '--update-goldens',
      '--update-goldens-from-failing-exit',
      '--bin-env',
      'CODER_REFERENCE_REVISION=nope',
      '--reporter',
      'tap',
    ]);
    expect(forced.stderr).toContain('--update-goldens: wrote 1 golden file(s)\n');
    expect(readFileSync(golden, 'utf8')).toBe('');
  });

  it('--update-goldens-from-failing-exit alone is a usage error', async () => {
    expect(await run(['run', '--update-goldens-from-failing-exit'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coder-conformance: --update-goldens-from-failing-exit only goes with --update-goldens\nRun "coder-conformance run --help" for the options.\n',
    });
  });
});
