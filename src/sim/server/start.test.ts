// The loopback simulator server with a real node:http client: origin-form requests to coderd,
// absolute-form (forward proxy) requests to the metadata services, GCE_METADATA_HOST-style
// origin-form metadata paths, CONNECT refused, 501 for anything else, faults (status, reset, rst,
// truncate, truncateHead, delay, times), the journal's contents and its JSON file, env and setScenario.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedKeys } from '../test-support.ts';
import { CONNECT_REFUSED_TEXT, startSimulator, type Simulator, type StartOptions } from './start.ts';

const TOKEN = '11111111-1111-4111-8111-111111111111';
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(opts: Partial<StartOptions> & { scenario: StartOptions['scenario'] }): Promise<Simulator> {
  sim = await startSimulator({ keys: await sharedKeys(), ...opts });
  return sim;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(s: Simulator, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: s.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('startSimulator', () => {
  it('binds 127.0.0.1 on an ephemeral port and exports the environment', async () => {
    const s = await start({ scenario: 'external-auth' });
    expect(s.origin).toBe(`http://127.0.0.1:${s.port}`);
    expect(s.port).toBeGreaterThan(0);
    expect(s.env).toEqual({
      CODER_AGENT_URL: s.origin,
      HTTP_PROXY: s.origin,
      http_proxy: s.origin,
      NO_PROXY: '',
      no_proxy: '',
      GCE_METADATA_HOST: `127.0.0.1:${s.port}`,
      CODER_AGENT_TOKEN: TOKEN,
    });
  });

  it('origin-form → coderd, journaled with raw header names in order', async () => {
    const s = await start({ scenario: 'external-auth' });
    const r = await send(s, 'GET', '/api/v2/workspaceagents/me/external-auth?id=github&match=', {
      'Coder-Session-Token': TOKEN,
      'User-Agent': 'Go-http-client/1.1',
      'Accept-Encoding': 'gzip',
    });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.body).toBe(
      '{"access_token":"gho_conformanceToken0001","token_extra":null,"url":"","type":"github","username":"gho_conformanceToken0001","password":""}\n',
    );
    const [e] = s.journal.entries;
    expect(e).toMatchObject({
      seq: 1,
      service: 'coderd',
      operationId: 'getWorkspaceAgentExternalAuth',
      method: 'GET',
      url: `${s.origin}/api/v2/workspaceagents/me/external-auth?id=github&match=`,
      path: '/api/v2/workspaceagents/me/external-auth',
      query: 'id=github&match=',
      body: '',
      proxied: false,
      violations: [],
    });
    expect(e.headers).toEqual([
      ['Coder-Session-Token', TOKEN],
      ['User-Agent', 'Go-http-client/1.1'],
      ['Accept-Encoding', 'gzip'],
      ['Host', `127.0.0.1:${s.port}`],
      ['Connection', 'keep-alive'],
    ]);
    expect(e.response).toEqual({ status: 200, headers: [['Content-Type', 'application/json; charset=utf-8']], body: r.body });
    expect(typeof e.time).toBe('string');
  });

  it('the URL answer uses the simulator origin as access URL', async () => {
    const s = await start({ scenario: 'external-auth' });
    const r = await send(s, 'GET', '/api/v2/workspaceagents/me/external-auth?id=jira&match=', { 'Coder-Session-Token': TOKEN });
    expect(JSON.parse(r.body).url).toBe(`${s.origin}/external-auth/jira`);
  });

  it('absolute-form requests for 169.254.169.254 reach the metadata services (forward proxy)', async () => {
    const s = await start({ scenario: 'aws-single-agent' });
    const t = await send(s, 'PUT', 'http://169.254.169.254/latest/api/token', { Host: '169.254.169.254', 'X-Aws-Ec2-Metadata-Token-Ttl-Seconds': '21600' });
    expect(t.status).toBe(200);
    const doc = await send(s, 'GET', 'http://169.254.169.254/latest/dynamic/instance-identity/document', {
      Host: '169.254.169.254',
      'X-Aws-Ec2-Metadata-Token': t.body,
    });
    expect(JSON.parse(doc.body).instanceId).toBe('i-0123456789abcdef0');
    const sig = await send(s, 'GET', 'http://169.254.169.254/latest/dynamic/instance-identity/signature', {
      Host: '169.254.169.254',
      'X-Aws-Ec2-Metadata-Token': t.body,
    });
    const ex = await send(
      s,
      'POST',
      '/api/v2/workspaceagents/aws-instance-identity',
      { 'Content-Type': 'application/json' },
      JSON.stringify({ signature: sig.body, document: doc.body }) + '\n',
    );
    expect(ex.body).toBe('{"session_token":"d0000000-0000-4000-8000-000000000001"}\n');
    expect(s.journal.entries.map((e) => [e.service, e.operationId, e.proxied, e.response.status])).toEqual([
      ['aws', 'awsPutToken', true, 200],
      ['aws', 'awsGetIdentityDocument', true, 200],
      ['aws', 'awsGetIdentitySignature', true, 200],
      ['coderd', 'authAwsInstanceIdentity', false, 200],
    ]);
    expect(s.journal.entries[0].url).toBe('http://169.254.169.254/latest/api/token');
    expect(s.journal.entries[3].body).toBe(JSON.stringify({ signature: sig.body, document: doc.body }) + '\n');
    expect(s.journal.violations()).toEqual([]);
  });

  it('absolute-form for metadata.google.internal and origin-form /computeMetadata (GCE_METADATA_HOST)', async () => {
    const s = await start({ scenario: 'gcp-single-agent' });
    const path = '/computeMetadata/v1/instance/service-accounts/default/identity?audience=coder&format=full';
    const viaProxy = await send(s, 'GET', `http://metadata.google.internal${path}`, { Host: 'metadata.google.internal', 'Metadata-Flavor': 'Google' });
    const direct = await send(s, 'GET', path, { 'Metadata-Flavor': 'Google' });
    expect(viaProxy.status).toBe(200);
    expect(direct.status).toBe(200);
    expect(direct.body.split('.')).toHaveLength(3);
    expect(s.journal.entries.map((e) => [e.service, e.operationId, e.proxied])).toEqual([
      ['gcp', 'gcpGetIdentityToken', true],
      ['gcp', 'gcpGetIdentityToken', false],
    ]);
    expect(s.journal.violations()).toEqual([]);
  });

  it('CONNECT is refused with 405 and a clear text', async () => {
    const s = await start({ scenario: 'external-auth' });
    const raw = await new Promise<string>((resolve, reject) => {
      const sock = connect(s.port, '127.0.0.1', () => sock.write('CONNECT 169.254.169.254:443 HTTP/1.1\r\nHost: 169.254.169.254:443\r\n\r\n'));
      let data = '';
      sock.on('data', (d) => (data += d.toString()));
      sock.on('end', () => resolve(data));
      sock.on('error', reject);
    });
    expect(raw.startsWith('HTTP/1.1 405 Method Not Allowed\r\n')).toBe(true);
    expect(raw.endsWith(`\r\n\r\n${CONNECT_REFUSED_TEXT}`)).toBe(true);
    expect(CONNECT_REFUSED_TEXT).toContain('tunnels only to its own TLS port');
    expect(s.journal.entries[0]).toMatchObject({
      method: 'CONNECT',
      url: '169.254.169.254:443',
      service: 'unhandled',
      proxied: true,
      response: { status: 405 },
    });
  });

  it('header bytes reach coderd as bytes: a UTF-8 token of 2 bytes is (len 2)', async () => {
    const s = await start({ scenario: 'external-auth' });
    const raw = await new Promise<string>((resolve, reject) => {
      const sock = connect(s.port, '127.0.0.1', () => {
        sock.write('GET /api/v2/workspaceagents/me/external-auth?id=github&match= HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCoder-Session-Token: ');
        sock.write(Buffer.from('\u00e9', 'utf8'));
        sock.write('\r\n\r\n');
      });
      let data = '';
      sock.on('data', (d) => (data += d.toString('utf8')));
      sock.on('end', () => resolve(data));
      sock.on('error', reject);
    });
    expect(raw.slice(raw.indexOf('\r\n\r\n') + 4)).toBe(
      '{"message":"Workspace agent token invalid.","detail":"An agent token must be a valid UUIDv4. (len 2)"}\n',
    );
    // The journal reads header bytes as UTF-8, like bodies.
    expect(s.journal.entries[0].headers).toContainEqual(['Coder-Session-Token', '\u00e9']);
  });

  it('two Coder-Session-Token lines: coderd uses the first, as Go Header.Get does', async () => {
    const s = await start({ scenario: 'external-auth' });
    const raw = await new Promise<string>((resolve, reject) => {
      const sock = connect(s.port, '127.0.0.1', () =>
        sock.write(
          `GET /api/v2/workspaceagents/me/external-auth?id=github&match= HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCoder-Session-Token: ${TOKEN}\r\nCoder-Session-Token: bad\r\n\r\n`,
        ),
      );
      let data = '';
      sock.on('data', (d) => (data += d.toString('utf8')));
      sock.on('end', () => resolve(data));
      sock.on('error', reject);
    });
    expect(raw.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(raw).toContain('"access_token":"gho_conformanceToken0001"');
    // The journal keeps both lines as sent.
    expect(s.journal.entries[0].headers.filter(([k]) => k === 'Coder-Session-Token').map(([, v]) => v)).toEqual([TOKEN, 'bad']);
  });

  it('serves the same handlers over TLS, and tunnels a CONNECT to its own TLS port only', async () => {
    const s = await start({ scenario: 'external-auth' });
    const { request: httpsRequest } = await import('node:https');
    const { connect: tlsConnect } = await import('node:tls');
    const get = (opts: object) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpsRequest(
          { path: '/api/v2/workspaceagents/me/external-auth?id=github&match=', headers: { 'Coder-Session-Token': TOKEN }, ca: s.caPem, ...opts },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    const direct = await get({ host: '127.0.0.1', port: s.tlsPort });
    expect(direct.status).toBe(200);
    expect(direct.body).toContain('gho_conformanceToken0001');
    expect(s.journal.entries[0]).toMatchObject({ url: `${s.tlsOrigin}/api/v2/workspaceagents/me/external-auth?id=github&match=`, proxied: false });
    // Through the forward proxy: CONNECT 0.0.0.0:<tls port>, then TLS inside the tunnel.
    const tunnel = await new Promise<import('node:net').Socket>((resolve, reject) => {
      const sock = connect(s.port, '127.0.0.1', () => sock.write(`CONNECT 0.0.0.0:${s.tlsPort} HTTP/1.1\r\nHost: 0.0.0.0:${s.tlsPort}\r\n\r\n`));
      sock.once('data', (c: Buffer) => (c.toString().startsWith('HTTP/1.1 200 ') ? resolve(sock) : reject(new Error(c.toString()))));
      sock.on('error', reject);
    });
    // A one-use agent whose connection is TLS over the tunnel (node ignores createConnection without an agent).
    const { Agent } = await import('node:https');
    const agent = new Agent();
    let dialled = 0;
    (agent as unknown as { createConnection: () => unknown }).createConnection = () => {
      dialled++;
      return tlsConnect({ socket: tunnel, ca: s.caPem, host: '0.0.0.0' });
    };
    const viaTunnel = await get({ host: '0.0.0.0', port: s.tlsPort, agent });
    expect(dialled).toBe(1);
    expect(viaTunnel.status).toBe(200);
    expect(s.journal.entries.map((e) => [e.service, e.method, e.response.status])).toEqual([
      ['coderd', 'GET', 200],
      ['proxy', 'CONNECT', 200],
      ['coderd', 'GET', 200],
    ]);
    const refused = await new Promise<string>((resolve) => {
      const sock = connect(s.port, '127.0.0.1', () => sock.write(`CONNECT 127.0.0.1:${s.port} HTTP/1.1\r\nHost: x\r\n\r\n`));
      sock.once('data', (c: Buffer) => resolve(c.toString()));
    });
    expect(refused).toMatch(/^HTTP\/1\.1 405 /);
  });

  it('without TLS (tls: false) has no TLS port, no CA, and tunnels CONNECT nowhere', async () => {
    const s = await start({ scenario: 'external-auth', tls: false });
    expect([s.tlsOrigin, s.tlsPort, s.caPem]).toEqual(['', 0, '']);
    const refused = await new Promise<string>((resolve) => {
      const sock = connect(s.port, '127.0.0.1', () => sock.write('CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: x\r\n\r\n'));
      sock.once('data', (c: Buffer) => resolve(c.toString()));
    });
    expect(refused).toMatch(/^HTTP\/1\.1 405 /);
  });

  it('a client that resets its CONNECT connection does not bring the server down', async () => {
    const s = await start({ scenario: 'external-auth' });
    await new Promise<void>((resolve, reject) => {
      const sock = connect(s.port, '127.0.0.1', () => sock.write('CONNECT 169.254.169.254:443 HTTP/1.1\r\nHost: 169.254.169.254:443\r\n\r\n'));
      // curl -p does this: it gives up on the tunnel as soon as the status line arrives (TCP RST).
      sock.once('data', () => {
        sock.resetAndDestroy();
        resolve();
      });
      sock.on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 50));
    const after = await send(s, 'GET', '/api/v2/workspaceagents/me/external-auth?id=github&match=', { 'Coder-Session-Token': TOKEN });
    expect(after.status).toBe(200);
    expect(s.journal.entries.map((e) => [e.method, e.response.status])).toEqual([
      ['CONNECT', 405],
      ['GET', 200],
    ]);
  });

  it('anything else: 501 with a JSON body naming the request, flagged in the journal', async () => {
    const s = await start({ scenario: 'external-auth' });
    const foreign = await send(s, 'GET', 'http://example.com/x?y=1', { Host: 'example.com' });
    expect(foreign.status).toBe(501);
    expect(JSON.parse(foreign.body).message).toBe('coder-conformance simulator: no handler for GET http://example.com/x?y=1');
    const local = await send(s, 'DELETE', '/api/v2/nothing');
    expect(local.status).toBe(501);
    expect(JSON.parse(local.body).message).toBe(`coder-conformance simulator: no handler for DELETE ${s.origin}/api/v2/nothing`);
    // A path of the contract with a method it does not declare: the simulator's 405 with Allow, still unhandled.
    const method = await send(s, 'DELETE', '/api/v2/workspaceagents/me/external-auth');
    expect([method.status, method.headers.allow]).toEqual([405, 'GET']);
    expect(s.journal.unhandled().map((e) => [e.method, e.path, e.proxied, e.response.status])).toEqual([
      ['GET', '/x', true, 501],
      ['DELETE', '/api/v2/nothing', false, 501],
      ['DELETE', '/api/v2/workspaceagents/me/external-auth', false, 405],
    ]);
  });

  it('status faults answer the first `times` matching requests only', async () => {
    const s = await start({
      scenario: 'external-auth',
      faults: [
        {
          operation: 'getWorkspaceAgentExternalAuth',
          status: 502,
          contentType: 'text/html',
          body: '<html>bad gateway</html>',
          headers: { 'X-Fault': '1' },
          times: 1,
        },
      ],
    });
    const first = await send(s, 'GET', '/api/v2/workspaceagents/me/external-auth?id=github&match=', { 'Coder-Session-Token': TOKEN });
    expect({ status: first.status, ct: first.headers['content-type'], x: first.headers['x-fault'], body: first.body }).toEqual({
      status: 502,
      ct: 'text/html',
      x: '1',
      body: '<html>bad gateway</html>',
    });
    const second = await send(s, 'GET', '/api/v2/workspaceagents/me/external-auth?id=github&match=', { 'Coder-Session-Token': TOKEN });
    expect(second.status).toBe(200);
    expect(s.world.faults[0].hits).toBe(1);
  });

  it('reset faults destroy the socket without an answer', async () => {
    const s = await start({ scenario: 'aws-single-agent', faults: [{ method: 'PUT', path: '/latest/api/token', reset: true }] });
    await expect(
      send(s, 'PUT', 'http://169.254.169.254/latest/api/token', { Host: '169.254.169.254', 'X-Aws-Ec2-Metadata-Token-Ttl-Seconds': '21600' }),
    ).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(s.journal.entries[0]).toMatchObject({ service: 'aws', operationId: 'awsPutToken', proxied: true, response: { status: 0, headers: [], body: '' } });
  });

  /** The raw bytes a GET of the external-auth path receives until the server closes (or the error). */
  function rawGet(s: Simulator): Promise<{ bytes: string; error?: string }> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      const sock = connect(s.port, '127.0.0.1', () =>
        sock.write(`GET /api/v2/workspaceagents/me/external-auth?id=github&match= HTTP/1.1\r\nHost: x\r\nCoder-Session-Token: ${TOKEN}\r\n\r\n`),
      );
      sock.on('data', (c: Buffer) => chunks.push(c));
      sock.on('error', (e: NodeJS.ErrnoException) => resolve({ bytes: Buffer.concat(chunks).toString('latin1'), error: e.code }));
      sock.on('end', () => resolve({ bytes: Buffer.concat(chunks).toString('latin1') }));
    });
  }

  it('rst faults reset the connection (the client reads ECONNRESET, no bytes)', async () => {
    const s = await start({ scenario: 'external-auth', faults: [{ operation: 'getWorkspaceAgentExternalAuth', rst: true }] });
    expect(await rawGet(s)).toEqual({ bytes: '', error: 'ECONNRESET' });
    expect(s.journal.entries[0]).toMatchObject({ operationId: 'getWorkspaceAgentExternalAuth', response: { status: 0, body: '' } });
  });

  it('truncate faults announce the whole body, send its first bytes, then close', async () => {
    const s = await start({
      scenario: 'external-auth',
      faults: [{ operation: 'getWorkspaceAgentExternalAuth', status: 200, contentType: 'application/json', body: '{"a":"0123456789"}', truncate: 5 }],
    });
    const r = await rawGet(s);
    expect(r.error).toBeUndefined();
    expect(r.bytes).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(r.bytes).toContain('Content-Length: 18\r\n');
    expect(r.bytes.endsWith('\r\n\r\n{"a":')).toBe(true);
    expect(s.journal.entries[0]).toMatchObject({ response: { status: 200, body: '{"a":' } });
  });

  it('truncateHead faults send the first bytes of the head only, then close', async () => {
    const s = await start({
      scenario: 'external-auth',
      faults: [{ operation: 'getWorkspaceAgentExternalAuth', status: 200, contentType: 'application/json', body: '{}', truncateHead: 27 }],
    });
    expect(await rawGet(s)).toEqual({ bytes: 'HTTP/1.1 200 OK\r\nContent-Ty' });
    await s.close();
    sim = undefined;
    const whole = await start({
      scenario: 'external-auth',
      faults: [{ operation: 'getWorkspaceAgentExternalAuth', status: 200, contentType: 'application/json', body: '{}', truncateHead: 1000 }],
    });
    expect(await rawGet(whole)).toEqual({ bytes: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n' });
  });

  it('raw faults write their bytes as the whole answer, then close; the journal keeps them as the body', async () => {
    const raw = 'HTTP/1.1 200 OK\r\n folded\r\n\r\n';
    const s = await start({ scenario: 'external-auth', faults: [{ operation: 'getWorkspaceAgentExternalAuth', raw }] });
    expect(await rawGet(s)).toEqual({ bytes: raw });
    expect(s.journal.entries[0]).toMatchObject({ operationId: 'getWorkspaceAgentExternalAuth', response: { status: 0, body: raw } });
  });

  it('delay faults let the real handler answer afterwards', async () => {
    const s = await start({ scenario: 'external-auth', faults: [{ operation: 'getWorkspaceAgentExternalAuth', delayMs: 50 }] });
    const r = await send(s, 'GET', '/api/v2/workspaceagents/me/external-auth?id=github&match=', { 'Coder-Session-Token': TOKEN });
    expect(r.status).toBe(200);
    expect(r.body).toContain('gho_conformanceToken0001');
    expect(s.world.faults[0].hits).toBe(1);
  });

  it('listen: a client that goes away ends the long-poll; nothing is written', async () => {
    const s = await start({ scenario: 'external-auth' });
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: s.port,
        path: '/api/v2/workspaceagents/me/external-auth?id=jira&match=&listen=false',
        headers: { 'Coder-Session-Token': TOKEN },
      });
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => req.destroy(), 200);
    });
    while (s.journal.entries.length === 0) await new Promise((r) => setTimeout(r, 50));
    expect(s.journal.entries[0]).toMatchObject({ operationId: 'getWorkspaceAgentExternalAuth', response: { status: 0, headers: [], body: '' } });
  });

  it('revision override and setScenario (env follows the scenario)', async () => {
    const s = await start({ scenario: 'external-auth', revision: 'pr26883' });
    expect(s.world.revision).toBe('pr26883');
    s.setScenario('aws-multi-agent');
    expect(s.world.revision).toBe('pr24325');
    expect(s.world.scenario.name).toBe('aws-multi-agent');
    expect(s.env.CODER_AGENT_TOKEN).toBe(TOKEN);
    s.setScenario({ name: 'bare', description: 'no token auth' }, 'pre-agent-name');
    expect(s.world.revision).toBe('pre-agent-name');
    expect(s.env.CODER_AGENT_TOKEN).toBeUndefined();
    expect(s.env.CODER_AGENT_URL).toBe(s.origin);
  });

  it('journal.write() writes the entries as JSON', async () => {
    const s = await start({ scenario: 'external-auth' });
    await send(s, 'GET', '/api/v2/workspaceagents/me/external-auth?id=github&match=', { 'Coder-Session-Token': TOKEN });
    const file = join(mkdtempSync(join(tmpdir(), 'journal-')), 'journal.json');
    await s.journal.write(file);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual(s.journal.toJSON());
    expect(text.endsWith(']\n')).toBe(true);
    expect(s.journal.filter({ operationId: 'getWorkspaceAgentExternalAuth', status: 200 })).toHaveLength(1);
  });
});

describe('faults written in a scenario file', () => {
  it('are loaded with the scenario and applied', async () => {
    const { mkdtempSync: mk, writeFileSync } = await import('node:fs');
    const dir = mk(join(tmpdir(), 'scn-'));
    const file = join(dir, 'flaky-imds.yaml');
    writeFileSync(
      file,
      [
        'description: AWS IMDS token endpoint fails once with 503',
        'extends: aws-single-agent',
        'faults:',
        '  - operation: awsPutToken',
        '    status: 503',
        '    contentType: text/plain',
        '    body: "try later"',
        '    times: 1',
        '',
      ].join('\n'),
    );
    const { loadScenario } = await import('../scenario/load.ts');
    const scenario = loadScenario(file);
    expect(scenario.faults).toEqual([{ operation: 'awsPutToken', status: 503, contentType: 'text/plain', body: 'try later', times: 1 }]);
    const s = await start({ scenario });
    const h = { Host: '169.254.169.254', 'X-Aws-Ec2-Metadata-Token-Ttl-Seconds': '21600' };
    const first = await send(s, 'PUT', 'http://169.254.169.254/latest/api/token', h);
    expect([first.status, first.headers['content-type'], first.body]).toEqual([503, 'text/plain', 'try later']);
    expect((await send(s, 'PUT', 'http://169.254.169.254/latest/api/token', h)).status).toBe(200);
    expect(s.journal.violations('response')).toHaveLength(1);
  });
});
