// The pretty report and the run's terminal behaviour: a failing case shows its case file, binary,
// the environment it sets and removes and a command line to re-run it; colour follows the terminal,
// NO_COLOR and FORCE_COLOR; a progress line on a terminal's stderr; --rerun-failed; closing hints.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, colourWanted } from './cli.ts';
import { contractOperations } from '../report/contract.ts';
import { createSimulatorStarter } from '../exec/simulator.ts';

const MINI = fileURLToPath(new URL('../fixtures/mini-coder.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'runner-pretty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const deps = { startSimulator: createSimulatorStarter(), contract: contractOperations };

async function run(argv: string[], env: Record<string, string | undefined> = {}, tty = false) {
  let stdout = '';
  let stderr = '';
  const code = await cli(
    {
      argv,
      env: { PATH: process.env.PATH, ...env },
      stdout: { write: (s: string) => (stdout += s), isTTY: tty },
      stderr: { write: (s: string) => (stderr += s), isTTY: tty },
    },
    deps,
  );
  return { code, stdout, stderr };
}

describe('pretty report', () => {
  it("shows a failing case's file, binary, environment set and removed, and command line", async () => {
    const r = await run(['run', '--bin', MINI, '--filter', 'auth/env']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ auth/env — CODER_AGENT_AUTH selects the auth type [FAIL]
    case file: conformance/cases/auth/env.yaml
    binary: ${MINI}
    env set by the case: CODER_AGENT_AUTH=nope
    $ env CODER_AGENT_AUTH=nope ${MINI} external-auth access-token github
`);
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stdout).toMatch(/\nnext: one group at a time: coder-conformance run --bin \S+ --profile pr24325 --level strict --filter 'auth\/\*\*'\n/);
    expect(r.stdout).toContain('  (never reached: declared statuses no response of the run had');
  });

  it('colour on a terminal, NO_COLOR and FORCE_COLOR honoured, never into a file', async () => {
    expect([
      colourWanted({}, true),
      colourWanted({}, false),
      colourWanted({ NO_COLOR: '1' }, true),
      colourWanted({ FORCE_COLOR: '1' }, false),
      colourWanted({ FORCE_COLOR: '0' }, false),
      colourWanted({ NO_COLOR: '' }, true),
    ]).toEqual([true, false, false, true, false, true]);
    const tty = await run(['run', '--filter', 'token/github'], {}, true);
    expect(tty.stdout).toContain('\x1b[32m✓\x1b[0m token/github');
    expect((await run(['run', '--filter', 'token/github'], { NO_COLOR: '1' }, true)).stdout).not.toContain('\x1b[');
    expect((await run(['run', '--filter', 'token/github'], { FORCE_COLOR: '1' }, false)).stdout).toContain('\x1b[32m✓');
  });

  it('a progress line on a terminal stderr, for every reporter, cleared at the end', async () => {
    const r = await run(['run', '--filter', 'token/github', '--filter', 'token/gitlab', '--reporter', 'tap'], {}, true);
    expect(r.stderr).toMatch(/^\r\x1b\[K\[1\/2\] 0 failing {2}token\/git(hub|lab)\r\x1b\[K\[2\/2\] 0 failing {2}token\/git(hub|lab)\r\x1b\[K$/);
    expect(r.stdout.startsWith('TAP version 14\n')).toBe(true);
    expect((await run(['run', '--filter', 'token/github', '--reporter', 'tap'])).stderr).toBe('');
  });

  it('--rerun-failed runs only what failed in a JSON report', async () => {
    const report = join(dir, 'first.json');
    const first = await run([
      'run',
      '--bin',
      MINI,
      '--filter',
      'token/github',
      '--filter',
      'token/github-wire',
      '--filter',
      'auth/env',
      '--reporter',
      'json',
      '--out',
      report,
    ]);
    expect(first.code).toBe(1);
    const again = await run(['run', '--bin', MINI, '--rerun-failed', report, '--reporter', 'tap']);
    expect(
      again.stdout
        .split('\n')
        .filter((l) => /^(not )?ok /.test(l))
        .map((l) => l.replace(/:.*/, '')),
    ).toEqual(['not ok 1 - auth/env', 'not ok 2 - token/github-wire']);
    const passing = join(dir, 'passing.json');
    await run(['run', '--filter', 'token/github', '--reporter', 'json', '--out', passing]);
    expect(await run(['run', '--rerun-failed', passing])).toEqual({ code: 0, stdout: `${passing}: no case failed there; nothing to re-run\n`, stderr: '' });
    expect((await run(['run', '--rerun-failed', join(dir, 'nope.json')])).stderr).toBe(
      `coder-conformance: --rerun-failed: cannot read ${join(dir, 'nope.json')}: ENOENT\n`,
    );
  });
});
