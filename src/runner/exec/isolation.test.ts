// The binary under test sees none of the caller's environment except PATH: secrets, proxies, HOME,
// CODER_* planted in the runner's own environment never reach it (conformance/README.md, "The
// binary's environment"). Runs the built command in its own process with such an environment and
// a binary that prints the environment it got.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/coder-conformance', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'runner-isolation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = 'planted-secret-7f3a9c';

describe("the binary's environment", () => {
  it('holds PATH and the documented variables only; nothing planted in the caller leaks', async () => {
    const printer = join(dir, 'print-env');
    writeFileSync(printer, `#!/usr/bin/env node\nprocess.stdout.write(JSON.stringify(process.env));\n`);
    chmodSync(printer, 0o755);
    const cases = join(dir, 'cases');
    mkdirSync(join(cases, 'env'), { recursive: true });
    writeFileSync(
      join(cases, 'env', 'print.yaml'),
      'id: env/print\ntitle: prints its environment\nlevel: core\nscenario: external-auth\nargs: [external-auth, access-token, github]\nexpect: { exit: 0 }\n',
    );
    const planted = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      PLANTED_SECRET: SECRET,
      AWS_SECRET_ACCESS_KEY: SECRET,
      CODER_SESSION_TOKEN: SECRET,
      CODER_AGENT_TOKEN: SECRET,
      CODER_URL: `http://${SECRET}.invalid`,
      HTTPS_PROXY: `http://${SECRET}.invalid:1`,
      HTTP_PROXY: `http://${SECRET}.invalid:1`,
      HOME: `/home/${SECRET}`,
      NODE_OPTIONS: '--no-warnings',
    };
    const r = await execa(process.execPath, [BIN, 'run', '--bin', printer, '--cases', cases, '--reporter', 'json'], {
      env: planted,
      extendEnv: false,
      reject: false,
    });
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    const report = JSON.parse(r.stdout) as { results: { process?: { stdout: string } }[] };
    const env = JSON.parse(report.results[0].process!.stdout) as Record<string, string>;
    expect(Object.keys(env).sort()).toEqual(
      [
        'CODER_AGENT_TOKEN',
        'CODER_AGENT_URL',
        'GCE_METADATA_HOST',
        'HOME',
        'HTTP_PROXY',
        'LANG',
        'NO_PROXY',
        'PATH',
        'TMPDIR',
        'TZ',
        'http_proxy',
        'no_proxy',
      ].sort(),
    );
    expect(env.PATH).toBe(planted.PATH);
    expect(JSON.stringify(env)).not.toContain(SECRET);
    expect(env.HTTP_PROXY).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
