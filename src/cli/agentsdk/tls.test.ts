// https targets: a self-signed loopback TLS server fails verification with Go's x509 text, directly and
// through an HTTP proxy (CONNECT tunnel, no absolute-form request for https; the test proxy maps every
// CONNECT target to 127.0.0.1, so no name is ever resolved).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { createSecureContext } from 'node:tls';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../testutil.ts';

const servers: Server[] = [];
let tlsOrigin = '';
let proxyOrigin = '';
const connects: string[] = [];
/** The SNI names the TLS server saw (SNICallback runs only for a ClientHello that carries one). */
const snis: string[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'k.pem'),
      '-out',
      join(dir, 'c.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const creds = { key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) };
  const ctx = createSecureContext(creds);
  const tls = createHttps(
    {
      ...creds,
      SNICallback: (name, cb) => {
        snis.push(name);
        cb(null, ctx);
      },
    },
    (_req, res) => res.end('{}'),
  );
  const proxy = createHttp();
  proxy.on('connect', (req, client: Socket) => {
    connects.push(`${req.method} ${req.url}`);
    const port = req.url!.split(':')[1];
    const up = connect(Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.pipe(client);
      client.pipe(up);
    });
  });
  for (const s of [tls, proxy]) {
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  }
  tlsOrigin = `https://127.0.0.1:${(tls.address() as { port: number }).port}`;
  proxyOrigin = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const H =
  'Encountered an error running "coder external-auth access-token", see "coder external-auth access-token --help" for more information\nerror: get external auth token: execute request: ';

it('an untrusted certificate fails like Go; no SNI for an IP address (Go sends none)', async () => {
  snis.length = 0;
  const r = await runCli(['--agent-url', tlsOrigin, '--agent-token', 't', 'external-auth', 'access-token', 'g']);
  expect(r.stderr).toBe(
    H +
      `Get "${tlsOrigin}/api/v2/workspaceagents/me/external-auth?id=g&match=": tls: failed to verify certificate: x509: certificate signed by unknown authority\n`,
  );
  expect(snis).toEqual([]);
});

it('https through HTTPS_PROXY uses a CONNECT tunnel to the target, with the host name as SNI', async () => {
  snis.length = 0;
  const port = new URL(tlsOrigin).port;
  const target = `https://coder.invalid:${port}`;
  const r = await runCli(['--agent-url', target, '--agent-token', 't', 'external-auth', 'access-token', 'g'], { HTTPS_PROXY: proxyOrigin });
  // The proxy maps coder.invalid to 127.0.0.1; TLS then runs end to end through the tunnel.
  expect(connects).toEqual([`CONNECT coder.invalid:${port}`]);
  expect(snis).toEqual(['coder.invalid']);
  expect(r.stderr).toBe(
    H +
      `Get "${target}/api/v2/workspaceagents/me/external-auth?id=g&match=": tls: failed to verify certificate: x509: certificate signed by unknown authority\n`,
  );
});
