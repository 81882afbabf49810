// `coder-conformance serve`: prints the shell exports (only what the scenario's auth needs), the
// agents and example commands, serves until stopped, writes the journal (a default path when none is
// given), checks the journal and env-file paths before serving; --list, did-you-mean, bad flags exit 2.
import { execa } from 'execa';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { didYouMean, scenarioNames, SERVE_USAGE, serveCommand } from './serve.ts';

function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
    out: () => out,
    err: () => err,
  };
}

async function runBad(argv: string[]): Promise<{ code: number; err: string; out: string }> {
  const c = capture();
  const code = await serveCommand(argv, { ...c.io, signal: AbortSignal.abort() });
  return { code, err: c.err(), out: c.out() };
}

describe('serveCommand', () => {
  it('serves a scenario, prints exports, writes the journal on stop', async () => {
    const c = capture();
    const ac = new AbortController();
    const file = join(mkdtempSync(join(tmpdir(), 'serve-')), 'j.json');
    const done = serveCommand(['--scenario', 'external-auth', '--journal', file, '--revision=pr26883'], { ...c.io, signal: ac.signal });
    while (!c.out().includes('# stop with')) await new Promise((r) => setTimeout(r, 20));
    const lines = c.out().split('\n');
    const url = /^export CODER_AGENT_URL='(http:\/\/127\.0\.0\.1:\d+)'$/.exec(lines[1])![1];
    const port = new URL(url).port;
    expect(lines).toEqual([
      `# coder-conformance simulator: scenario external-auth, revision pr26883, listening on ${url}`,
      `export CODER_AGENT_URL='${url}'`,
      `export HTTP_PROXY='${url}'`,
      `export http_proxy='${url}'`,
      "export NO_PROXY=''",
      "export no_proxy=''",
      `export GCE_METADATA_HOST='127.0.0.1:${port}'`,
      "export CODER_AGENT_TOKEN='11111111-1111-4111-8111-111111111111'",
      expect.stringMatching(/^# Base of every scenario. Token auth/),
      '# agents:',
      '#   main (workspace token-ws, build 1, token 11111111-1111-4111-8111-111111111111)',
      '# try it (after the exports above):',
      `#   curl -s -H "Coder-Session-Token: $CODER_AGENT_TOKEN" "$CODER_AGENT_URL/api/v2/workspaceagents/me/external-auth?id=github&match="`,
      '#   coder external-auth access-token github',
      `# journal: ${file} (written when stopped)`,
      '# stop with Ctrl-C (SIGINT) or SIGTERM',
      '',
    ]);
    const r = await fetch(`${url}/api/v2/workspaceagents/me/external-auth?id=expiring&match=`, {
      headers: { 'Coder-Session-Token': '11111111-1111-4111-8111-111111111111' },
    });
    expect(await r.text()).toContain('"expires_at":"2026-06-30T12:00:00.123456Z"');
    ac.abort();
    expect(await done).toBe(0);
    const journal = JSON.parse(readFileSync(file, 'utf8')) as { operationId: string }[];
    expect(journal.map((e) => e.operationId)).toEqual(['getWorkspaceAgentExternalAuth']);
    expect(c.err()).toBe(`coder-conformance serve: journal (1 exchanges) written to ${file}\n`);
  });

  it('--help prints the usage', async () => {
    expect(await runBad(['--help'])).toEqual({ code: 0, err: '', out: SERVE_USAGE });
    for (const word of ['--list', '--journal FILE', '--env-file FILE', '--revision R', '--port N', 'CODER_AGENT_AUTH', 'SIGTERM'])
      expect(SERVE_USAGE).toContain(word);
  });

  it('a cloud scenario exports CODER_AGENT_AUTH and no token; agents and a coder call with --agent-name; the journal at a default path', async () => {
    const c = capture();
    const ac = new AbortController();
    const done = serveCommand(['--scenario', 'aws-multi-agent'], { ...c.io, signal: ac.signal });
    while (!c.out().includes('# stop with')) await new Promise((r) => setTimeout(r, 20));
    const out = c.out();
    expect(out).toContain("export CODER_AGENT_AUTH='aws-instance-identity'\n");
    expect(out).not.toContain('CODER_AGENT_TOKEN=');
    expect(out).toContain('#   alpha (workspace cloud-ws, build 1, token a0000000-0000-4000-8000-000000000001, instance i-0123456789abcdef0 (this machine))\n');
    expect(out).toContain(
      `#   curl -s -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 21600' --proxy "$HTTP_PROXY" http://169.254.169.254/latest/api/token\n`,
    );
    expect(out).toContain('#   coder external-auth access-token github --agent-name alpha    # CODER_AGENT_AUTH=aws-instance-identity is exported above\n');
    const journal = /^# journal: (.*) \(written when stopped\)$/m.exec(out)![1];
    expect(journal.startsWith(tmpdir())).toBe(true);
    expect(readFileSync(journal, 'utf8')).toBe('[]\n'); // created (so checked) at start
    ac.abort();
    expect(await done).toBe(0);
    expect(c.err()).toBe(`coder-conformance serve: journal (0 exchanges) written to ${journal}\n`);
    expect(JSON.parse(readFileSync(journal, 'utf8'))).toEqual([]);
    rmSync(journal);
  });

  it('checks the journal path before serving', async () => {
    const r = await runBad(['--scenario', 'external-auth', '--journal', '/nonexistent-dir/j.json']);
    expect(r).toEqual({
      code: 2,
      out: '',
      err: 'coder-conformance serve: cannot write the journal /nonexistent-dir/j.json: ENOENT (checked before serving; give another --journal FILE)\n',
    });
  });

  it('--list shows every scenario with its description', async () => {
    const r = await runBad(['--list']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(scenarioNames());
    expect(lines.find((l) => l.startsWith('aws-multi-agent '))).toMatch(/^aws-multi-agent +AWS instance shared by agents "alpha"/);
  });

  it('did-you-mean on a misspelled scenario', async () => {
    expect(didYouMean('aws-mutli-agent', scenarioNames())).toBe('aws-multi-agent');
    expect(didYouMean('zzzzzzzz', scenarioNames())).toBeUndefined();
    expect(await runBad(['--scenario', 'azure-single'])).toEqual({
      code: 2,
      out: '',
      err: 'coder-conformance serve: scenario azure-single.yaml: (root): no such scenario file; did you mean azure-single-agent? (coder-conformance serve --list shows the scenarios)\n',
    });
  });

  it('the installed command takes --env-file (which Node 20 would claim as its own) and writes KEY=VALUE lines; SIGTERM writes the journal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-bin-'));
    const bin = fileURLToPath(new URL('../../../bin/coder-conformance', import.meta.url));
    const journal = join(dir, 'j.json');
    const p = execa(bin, ['serve', '--scenario', 'azure-single-agent', '--env-file', join(dir, 'env'), '--journal', journal], { reject: false });
    let out = '';
    p.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    while (!out.includes('# stop with')) {
      if (p.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const env = readFileSync(join(dir, 'env'), 'utf8');
    expect(env).toMatch(/^CODER_AGENT_URL=http:\/\/127\.0\.0\.1:\d+\n/);
    expect(env).toContain('\nCODER_AGENT_AUTH=azure-instance-identity\n');
    expect(env).not.toContain('CODER_AGENT_TOKEN');
    p.kill('SIGTERM');
    const r = await p;
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`journal (0 exchanges) written to ${journal}`);
    expect(existsSync(journal)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [[], 'missing required flag: --scenario (coder-conformance serve --list shows the scenarios)'],
    [['--list', '--scenario', 'x'], '--list takes no other flag'],
    [['--scenario'], 'flag needs an argument: --scenario'],
    [['--scenario', 'external-auth', '--bogus'], 'unknown flag: --bogus'],
    [['--scenario', 'external-auth', 'extra'], 'unexpected argument: extra'],
    [['--scenario', 'external-auth', '--port', 'http'], 'invalid --port "http": want a number 0-65535'],
    [['--scenario', 'external-auth', '--port', '70000'], 'invalid --port "70000": want a number 0-65535'],
    [['--scenario', 'external-auth', '--revision', 'v2'], 'invalid --revision "v2": want one of pre-agent-name, pr24325, pr25443, pr26883'],
    [['--scenario=a', '--scenario=b'], 'flag given twice: --scenario'],
  ])('%j → exit 2', async (argv, problem) => {
    expect(await runBad(argv as string[])).toEqual({
      code: 2,
      err: `coder-conformance serve: ${problem}\nRun "coder-conformance serve --help" for the options.\n`,
      out: '',
    });
  });

  it('unknown scenario → exit 2 naming the file', async () => {
    expect(await runBad(['--scenario', 'nope'])).toEqual({
      code: 2,
      err: 'coder-conformance serve: scenario nope.yaml: (root): no such scenario file (coder-conformance serve --list shows the scenarios)\n',
      out: '',
    });
  });
});
