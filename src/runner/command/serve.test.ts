// `coder-conformance serve`: prints the shell exports, serves until stopped, writes the journal;
// bad flags and unknown scenarios exit 2 with a clear message.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVE_USAGE, serveCommand } from './serve.ts';

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
  });

  it.each([
    [[], 'missing required flag: --scenario'],
    [['--scenario'], 'flag needs an argument: --scenario'],
    [['--scenario', 'external-auth', '--bogus'], 'unknown flag: --bogus'],
    [['--scenario', 'external-auth', 'extra'], 'unexpected argument: extra'],
    [['--scenario', 'external-auth', '--port', 'http'], 'invalid --port "http": want a number 0-65535'],
    [['--scenario', 'external-auth', '--port', '70000'], 'invalid --port "70000": want a number 0-65535'],
    [['--scenario', 'external-auth', '--revision', 'v2'], 'invalid --revision "v2": want one of pre-agent-name, pr24325, pr25443, pr26883'],
    [['--scenario=a', '--scenario=b'], 'flag given twice: --scenario'],
  ])('%j → exit 2', async (argv, problem) => {
    expect(await runBad(argv as string[])).toEqual({ code: 2, err: `coder-conformance serve: ${problem}\n${SERVE_USAGE}`, out: '' });
  });

  it('unknown scenario → exit 2 naming the file', async () => {
    expect(await runBad(['--scenario', 'nope'])).toEqual({ code: 2, err: 'coder-conformance serve: scenario nope.yaml: (root): no such scenario file\n', out: '' });
  });
});
