// The simulator never reaches beyond itself: it listens on 127.0.0.1 only (not 127.0.0.2, not ::1,
// which a 0.0.0.0 or :: bind would answer), and as a forward proxy it forwards to the simulated
// services only. Any other target — another loopback port, another loopback address, a private or
// public host, https, CONNECT — gets a clear error status and a journal entry, and a trap server
// listening at that target sees no connection at all. No test traffic leaves the machine.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedKeys } from '../test-support.ts';
import { startSimulator, type Simulator } from './start.ts';

let sim: Simulator;
let trap: Server;
let trapPort = 0;
let trapped = 0;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'aws-single-agent', keys: await sharedKeys() });
  trap = createServer((_req, res) => res.end('trap'));
  trap.on('connection', () => trapped++);
  // 127.0.0.2 is loopback on Linux: a target the proxy could reach if it forwarded anything.
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.2', resolve));
  trapPort = (trap.address() as AddressInfo).port;
});
afterAll(async () => {
  await sim.close();
  await new Promise((resolve) => trap.close(resolve));
});

function connectResult(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/** An absolute-form (proxy) request line sent to the simulator. */
function viaProxy(method: string, target: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: sim.port, method, path: target, headers: { host: new URL(target).host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the simulator binds 127.0.0.1 only', () => {
  it('answers on 127.0.0.1, refuses 127.0.0.2 and ::1 on the same port', async () => {
    expect(await connectResult('127.0.0.1', sim.port)).toBe('connected');
    expect(await connectResult('127.0.0.2', sim.port)).toBe('ECONNREFUSED');
    expect(['ECONNREFUSED', 'EADDRNOTAVAIL', 'ENETUNREACH']).toContain(await connectResult('::1', sim.port));
  });
});

describe('the forward proxy is not an open proxy', () => {
  const targets = () => [
    `http://127.0.0.2:${trapPort}/latest/api/token`,
    `http://127.0.0.1:${trapPort}/api/v2/buildinfo`,
    `http://localhost:${trapPort}/`,
    'http://10.11.12.13/latest/meta-data/',
    'http://example.com/',
    'https://169.254.169.254/latest/api/token',
    'http://169.254.169.254:8080/latest/api/token',
    'http://metadata.google.internal.example.com/computeMetadata/v1/',
    'ftp://169.254.169.254/',
  ];
  it('any other host gets 501 JSON naming the target, journaled as unhandled and proxied', async () => {
    sim.journal.clear();
    trapped = 0;
    for (const target of targets()) {
      const r = await viaProxy('GET', target);
      expect([target, r.status, r.type]).toEqual([target, 501, 'application/json; charset=utf-8']);
      expect(JSON.parse(r.body)).toMatchObject({ message: `coder-conformance simulator: no handler for GET ${target}` });
    }
    expect(sim.journal.entries.map((e) => [e.url, e.service, e.proxied, e.response.status])).toEqual(targets().map((t) => [t, 'unhandled', true, 501]));
    expect(trapped).toBe(0);
  });
  it('CONNECT to any host (the trap too) is refused with 405, journaled, never tunnelled', async () => {
    sim.journal.clear();
    trapped = 0;
    const raw = await new Promise<string>((resolve, reject) => {
      let text = '';
      const s = connect(sim.port, '127.0.0.1', () => s.write(`CONNECT 127.0.0.2:${trapPort} HTTP/1.1\r\nHost: 127.0.0.2:${trapPort}\r\n\r\n`));
      s.on('data', (c: Buffer) => (text += c.toString('latin1')));
      s.on('end', () => resolve(text));
      s.on('error', reject);
    });
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 405 Method Not Allowed');
    expect(sim.journal.entries.map((e) => [e.method, e.url, e.response.status])).toEqual([['CONNECT', `127.0.0.2:${trapPort}`, 405]]);
    expect(trapped).toBe(0);
  });
  it('the trap itself is reachable directly (so a forwarding proxy would have been caught)', async () => {
    const accepted = new Promise((resolve) => trap.once('connection', resolve));
    expect(await connectResult('127.0.0.2', trapPort)).toBe('connected');
    await accepted;
  });
});
