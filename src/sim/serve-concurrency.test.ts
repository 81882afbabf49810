// `coder-conformance serve` in a process of its own holds 200 concurrent clients (one connection
// each, all open at once) with no error: every request is answered as the contract says, serve then
// stops cleanly on SIGTERM and its journal holds all 200 exchanges without a violation. (Speed is
// measured by bench/load.bench.mjs, never here.)
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from './server/journal.ts';

const BIN = fileURLToPath(new URL('../../bin/coder-conformance', import.meta.url));
const TOKEN = '11111111-1111-4111-8111-111111111111';
const CLIENTS = 200;
const dir = mkdtempSync(join(tmpdir(), 'serve-concurrency-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function get(port: number, agent: Agent, path: string, headers: Record<string, string>, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve under concurrent clients', () => {
  it(`answers ${CLIENTS} clients at once and stops cleanly`, async () => {
    const journal = join(dir, 'journal.json');
    const child = spawn(process.execPath, [BIN, 'serve', '--scenario', 'aws-single-agent', '--journal', journal], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (c) => {
        out += c;
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      void exited.then((code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    // No keep-alive and no socket limit: CLIENTS connections open together.
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    const kinds: { path: string; headers: Record<string, string>; method: string; want: number }[] = [
      { path: '/api/v2/workspaceagents/me/external-auth?id=github&match=', headers: { 'Coder-Session-Token': TOKEN }, method: 'GET', want: 200 },
      { path: '/latest/api/token', headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '21600' }, method: 'PUT', want: 200 },
      { path: '/api/v2/workspaceagents/me/external-auth?id=nope&match=', headers: { 'Coder-Session-Token': TOKEN }, method: 'GET', want: 404 },
      { path: '/oauth2/v3/certs', headers: {}, method: 'GET', want: 200 },
    ];
    const statuses = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => kinds[i % kinds.length]).map((k) => get(port, agent, k.path, k.headers, k.method)),
    );
    agent.destroy();
    expect(statuses).toEqual(Array.from({ length: CLIENTS }, (_, i) => kinds[i % kinds.length].want));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const entries = JSON.parse(readFileSync(journal, 'utf8')) as JournalEntry[];
    expect(entries).toHaveLength(CLIENTS);
    expect(entries.flatMap((e) => e.violations)).toEqual([]);
  });
});
