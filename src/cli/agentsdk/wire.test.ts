// Raw wire tests against real loopback servers (no msw): Go's header names and order, request line,
// absolute-form requests to an HTTP proxy, NO_PROXY rules, gzip, redirects, and Go's transport error
// texts (connection refused, unsupported scheme, invalid header value).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { parseURL, type GoURL } from '../../go/index.ts';
import { runCli } from '../testutil.ts';
import { createAgentClient } from './index.ts';
import { useProxy, proxyForURL } from './proxy.ts';
import { removeZone, roundTrip } from './wire.ts';

interface Seen {
  line: string;
  rawHeaders: string[];
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

async function serve(handler: (req: IncomingMessage, body: string) => Reply): Promise<{ origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const s = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ line: `${req.method} ${req.url} HTTP/${req.httpVersion}`, rawHeaders: req.rawHeaders, body });
      const out = handler(req, body);
      res.writeHead(out.status ?? 200, out.headers ?? {});
      res.end(out.body ?? '');
    });
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const a = s.address() as { port: number };
  return { origin: `http://127.0.0.1:${a.port}`, seen };
}

const url = (s: string): GoURL => {
  const r = parseURL(s);
  if (!r.ok) throw new Error(r.error);
  return r.url;
};
const pairs = (raw: string[]) => raw.flatMap((v, i) => (i % 2 === 0 ? [[v, raw[i + 1]]] : []));

describe('wire format', () => {
  it('external-auth GET: Go header order and canonical names, no Connection header', async () => {
    const srv = await serve(() => ({ headers: { 'Content-Type': 'application/json' }, body: '{"access_token":"t"}' }));
    const r = await runCli(['--agent-url', srv.origin, '--agent-token', 'tok', 'external-auth', 'access-token', 'git hub']);
    expect(r).toEqual({ code: 0, stdout: 't', stderr: '' });
    expect(srv.seen[0].line).toBe('GET /api/v2/workspaceagents/me/external-auth?id=git+hub&match= HTTP/1.1');
    expect(pairs(srv.seen[0].rawHeaders)).toEqual([
      ['Host', srv.origin.slice(7)],
      ['User-Agent', 'Go-http-client/1.1'],
      ['Coder-Session-Token', 'tok'],
      ['Accept-Encoding', 'gzip'],
    ]);
  });

  it('POST: Content-Length before the sorted headers; the agent URL path is replaced by the absolute path', async () => {
    const srv = await serve(() => ({ headers: { 'Content-Type': 'application/json' }, body: '{"session_token":"S"}' }));
    const res = await roundTrip({
      method: 'POST',
      url: url(srv.origin + '/base/path').parseRef('/api/v2/x'),
      headers: [
        ['content-type', 'application/json'],
        ['X-Aws-Ec2-Metadata-Token', 'a'],
      ],
      body: new TextEncoder().encode('{}\n'),
      env: {},
    });
    expect(res.status).toBe(200);
    expect(srv.seen[0].line).toBe('POST /api/v2/x HTTP/1.1');
    expect(pairs(srv.seen[0].rawHeaders)).toEqual([
      ['Host', srv.origin.slice(7)],
      ['User-Agent', 'Go-http-client/1.1'],
      ['Content-Length', '3'],
      ['Content-Type', 'application/json'],
      ['X-Aws-Ec2-Metadata-Token', 'a'],
      ['Accept-Encoding', 'gzip'],
    ]);
  });

  it('PUT without a body sends Content-Length: 0 (AWS token request)', async () => {
    const srv = await serve(() => ({ body: 'x' }));
    await roundTrip({ method: 'PUT', url: url(srv.origin + '/latest/api/token'), headers: [['X-Aws-Ec2-Metadata-Token-Ttl-Seconds', '21600']], env: {} });
    expect(pairs(srv.seen[0].rawHeaders)).toContainEqual(['Content-Length', '0']);
    expect(pairs(srv.seen[0].rawHeaders)).toContainEqual(['X-Aws-Ec2-Metadata-Token-Ttl-Seconds', '21600']);
  });

  it('gunzips a gzip response transparently', async () => {
    const srv = await serve(() => ({
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync('{"access_token":"zipped"}'),
    }));
    expect((await runCli(['--agent-url', srv.origin, '--agent-token', 't', 'external-auth', 'access-token', 'x'])).stdout).toBe('zipped');
  });

  it('follows redirects like http.Client', async () => {
    const srv = await serve(
      (req): Reply =>
        req.url!.startsWith('/api')
          ? { status: 307, headers: { Location: '/moved' } }
          : { headers: { 'Content-Type': 'application/json' }, body: '{"access_token":"moved"}' },
    );
    expect((await runCli(['--agent-url', srv.origin, '--agent-token', 't', 'external-auth', 'access-token', 'x'])).stdout).toBe('moved');
    expect(srv.seen.map((s) => s.line)).toEqual(['GET /api/v2/workspaceagents/me/external-auth?id=x&match= HTTP/1.1', 'GET /moved HTTP/1.1']);
  });
});

describe('userinfo in the agent URL and redirects (http.Client)', () => {
  it('userinfo becomes Authorization: Basic, sorted with the request headers', async () => {
    const srv = await serve(() => ({ headers: { 'Content-Type': 'application/json' }, body: '{"access_token":"t"}' }));
    const r = await runCli([
      '--agent-url',
      srv.origin.replace('http://', 'http://us%40er:p%3Aw@'),
      '--agent-token',
      'tok',
      'external-auth',
      'access-token',
      'github',
    ]);
    expect(r).toEqual({ code: 0, stdout: 't', stderr: '' });
    expect(pairs(srv.seen[0].rawHeaders)).toEqual([
      ['Host', srv.origin.slice(7)],
      ['User-Agent', 'Go-http-client/1.1'],
      ['Authorization', 'Basic ' + Buffer.from('us@er:p:w').toString('base64')],
      ['Coder-Session-Token', 'tok'],
      ['Accept-Encoding', 'gzip'],
    ]);
  });

  it('a username without a password sends `user:`', async () => {
    const srv = await serve(() => ({ body: 'ok' }));
    await roundTrip({ method: 'GET', url: url(srv.origin.replace('http://', 'http://u@') + '/x'), env: {} });
    expect(pairs(srv.seen[0].rawHeaders)).toContainEqual(['Authorization', 'Basic ' + Buffer.from('u:').toString('base64')]);
  });

  it('through a proxy the absolute-form request line has no userinfo and no fragment', async () => {
    const proxy = await serve(() => ({ headers: { 'Content-Type': 'application/json' }, body: '{"access_token":"p"}' }));
    const r = await runCli(['--agent-url', 'http://u:pw@coder.test/base#frag', '--agent-token', 'tok', 'external-auth', 'access-token', 'github'], {
      HTTP_PROXY: proxy.origin,
    });
    expect(r).toEqual({ code: 0, stdout: 'p', stderr: '' });
    expect(proxy.seen[0].line).toBe('GET http://coder.test/api/v2/workspaceagents/me/external-auth?id=github&match= HTTP/1.1');
    expect(pairs(proxy.seen[0].rawHeaders)).toEqual([
      ['Host', 'coder.test'],
      ['User-Agent', 'Go-http-client/1.1'],
      ['Authorization', 'Basic ' + Buffer.from('u:pw').toString('base64')],
      ['Coder-Session-Token', 'tok'],
      ['Accept-Encoding', 'gzip'],
    ]);
  });

  it('a redirected request carries the first request headers plus Referer (previous URL without userinfo)', async () => {
    const srv = await serve(
      (req): Reply =>
        req.url!.startsWith('/api')
          ? { status: 302, headers: { Location: '/moved' } }
          : { headers: { 'Content-Type': 'application/json' }, body: '{"access_token":"moved"}' },
    );
    const agentURL = srv.origin.replace('http://', 'http://u:pw@');
    expect((await runCli(['--agent-url', agentURL, '--agent-token', 'tok', 'external-auth', 'access-token', 'x'])).stdout).toBe('moved');
    expect(pairs(srv.seen[1].rawHeaders)).toEqual([
      ['Host', srv.origin.slice(7)],
      ['User-Agent', 'Go-http-client/1.1'],
      ['Authorization', 'Basic ' + Buffer.from('u:pw').toString('base64')],
      ['Coder-Session-Token', 'tok'],
      ['Referer', srv.origin + '/api/v2/workspaceagents/me/external-auth?id=x&match='],
      ['Accept-Encoding', 'gzip'],
    ]);
  });

  it('a POST turned into a GET by a 303 still reports Post; the 10th redirect names the raw Location', async () => {
    let n = 0;
    const srv = await serve(() => ({ status: 303, headers: { Location: `/hop${++n}` } }));
    const err = await roundTrip({
      method: 'POST',
      url: url(srv.origin + '/start'),
      headers: [['Content-Type', 'application/json']],
      body: new TextEncoder().encode('{}\n'),
      env: {},
    }).catch((e: Error) => e.message);
    expect(err).toBe('Post "/hop10": stopped after 10 redirects');
    expect(srv.seen.map((s) => s.line.split(' ')[0])).toEqual(['POST', ...Array(9).fill('GET')]);
    expect(srv.seen[1].body).toBe('');
  });
});

describe('proxies (Go ProxyFromEnvironment)', () => {
  it('sends plain-http metadata requests to HTTP_PROXY in absolute form, no CONNECT', async () => {
    const proxy = await serve((req) => ({ body: req.url!.endsWith('/token') ? 'imds-token' : 'value' }));
    const coderd = await serve(() => ({ headers: { 'Content-Type': 'application/json' }, body: '{"session_token":"S"}' }));
    const c = createAgentClient({ agentURL: coderd.origin, auth: 'aws-instance-identity', env: { HTTP_PROXY: proxy.origin } });
    expect(await c.refreshToken()).toBe('S');
    expect(proxy.seen.map((s) => s.line)).toEqual([
      'PUT http://169.254.169.254/latest/api/token HTTP/1.1',
      'GET http://169.254.169.254/latest/dynamic/instance-identity/signature HTTP/1.1',
      'GET http://169.254.169.254/latest/dynamic/instance-identity/document HTTP/1.1',
    ]);
    expect(pairs(proxy.seen[0].rawHeaders)[0]).toEqual(['Host', '169.254.169.254']);
    // coderd on 127.0.0.1 is loopback: never proxied.
    expect(coderd.seen[0].line).toBe('POST /api/v2/workspaceagents/aws-instance-identity HTTP/1.1');
    expect(coderd.seen[0].body).toBe('{"signature":"value","document":"value"}\n');
  });

  it('proxy credentials go in Proxy-Authorization after Accept-Encoding (Go sorts the transport extras)', async () => {
    const proxy = await serve(() => ({ body: 'ok' }));
    await roundTrip({ method: 'GET', url: url('http://169.254.169.254/x'), env: { http_proxy: proxy.origin.replace('http://', 'http://u:p@') } });
    expect(pairs(proxy.seen[0].rawHeaders)).toEqual([
      ['Host', '169.254.169.254'],
      ['User-Agent', 'Go-http-client/1.1'],
      ['Accept-Encoding', 'gzip'],
      ['Proxy-Authorization', 'Basic ' + Buffer.from('u:p').toString('base64')],
    ]);
  });

  it('NO_PROXY rules', () => {
    expect(useProxy('169.254.169.254', '80', '')).toBe(true);
    expect(useProxy('localhost', '80', '')).toBe(false);
    expect(useProxy('127.0.0.2', '80', '')).toBe(false);
    expect(useProxy('::1', '80', '')).toBe(false);
    expect(useProxy('169.254.169.254', '80', '*')).toBe(false);
    expect(useProxy('169.254.169.254', '80', '169.254.0.0/16')).toBe(false);
    expect(useProxy('169.254.169.254', '80', '169.254.169.254:81')).toBe(true);
    expect(useProxy('169.254.169.254', '80', ' 169.254.169.254:80 ')).toBe(false);
    expect(useProxy('a.example.com', '443', 'example.com')).toBe(false);
    expect(useProxy('example.com', '443', 'example.com')).toBe(false);
    expect(useProxy('example.com', '443', '.example.com')).toBe(true);
    expect(useProxy('a.example.com', '443', '*.example.com')).toBe(false);
    expect(useProxy('badexample.com', '443', 'example.com')).toBe(true);
    expect(useProxy('metadata.google.internal', '80', 'google.internal:80')).toBe(false);
    // domain entries are matched against names only, IP entries and CIDRs against IPs only
    expect(useProxy('169.254.169.254', '80', '.169.254,254.169.254,*.254')).toBe(true);
    expect(useProxy('0.0.0.0', '80', '0.0.0.0/8')).toBe(false);
    expect(useProxy('0.0.0.0', '80', '::ffff:0.0.0.0/104')).toBe(false);
    expect(useProxy('1.0.0.0', '80', '::ffff:0.0.0.0/104')).toBe(true);
    expect(useProxy('0.0.0.0', '80', '0.0.0.0/33,::ffff:0.0.0.0/129,0.0.0.0/-1')).toBe(true);
    expect(useProxy('10.1.2.3', '80', '10.1.2.0/024')).toBe(false);
    expect(useProxy('10.1.3.3', '80', '10.1.2.0/23,::/0')).toBe(false);
    expect(useProxy('10.1.4.3', '80', '10.1.2.0/23,::/0')).toBe(true);
    expect(useProxy('a.test', '80', '0.0.0.0/0,::/0')).toBe(true);
    expect(useProxy('::ffff:0.0.0.0', '80', '0.0.0.0')).toBe(false);
    expect(useProxy('fe80::1%eth0', '80', 'fe80::1')).toBe(false);
    expect(useProxy('a.test', '80', ':80,[::1]')).toBe(true);
    expect(useProxy('a.test', '80', 'x.test,*,y.test')).toBe(false);
  });

  it('scheme-specific variables, upper case first, unparseable values ignored, HTTP_PROXY refused under CGI', () => {
    const p = (u: string, env: Record<string, string>) => {
      const r = proxyForURL(url(u), env);
      return 'proxy' in r ? r.proxy?.toString() : 'error' in r ? r.error : undefined;
    };
    expect(p('http://169.254.169.254/x', { http_proxy: 'proxy.test:3128' })).toBe('http://proxy.test:3128');
    expect(p('http://169.254.169.254/x', { HTTP_PROXY: 'http://a.test', http_proxy: 'http://b.test' })).toBe('http://a.test');
    expect(p('http://169.254.169.254/x', { HTTPS_PROXY: 'http://a.test' })).toBeUndefined();
    expect(p('https://coder.test/x', { HTTPS_PROXY: 'http://a.test' })).toBe('http://a.test');
    const cgi = 'refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy';
    expect(p('http://169.254.169.254/x', { HTTP_PROXY: 'http://a.test', REQUEST_METHOD: 'GET' })).toBe(cgi);
    expect(p('http://127.0.0.1/x', { http_proxy: 'a.test', REQUEST_METHOD: 'GET' })).toBe(cgi);
    expect(p('http://127.0.0.1/x', { HTTP_PROXY: '%zz', REQUEST_METHOD: 'GET' })).toBeUndefined();
    expect(p('https://coder.test/x', { HTTPS_PROXY: 'http://a.test', REQUEST_METHOD: 'GET' })).toBe('http://a.test');
    expect(p('http://169.254.169.254/x', { HTTP_PROXY: '%zz' })).toBeUndefined();
    expect(p('http://169.254.169.254/x', { HTTP_PROXY: 'localhost:3128' })).toBe('http://localhost:3128');
    expect(p('http://169.254.169.254/x', { HTTP_PROXY: 'ftp://a.test:21' })).toBe('ftp://a.test:21');
  });
});

describe('transport errors (Go url.Error texts)', () => {
  const H =
    'Encountered an error running "coder external-auth access-token", see "coder external-auth access-token --help" for more information\nerror: get external auth token: execute request: ';
  it('connection refused', async () => {
    const r = await runCli(['--agent-url', 'http://127.0.0.1:9', '--agent-token', 't', 'external-auth', 'access-token', 'github']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: H + 'Get "http://127.0.0.1:9/api/v2/workspaceagents/me/external-auth?id=github&match=": dial tcp 127.0.0.1:9: connect: connection refused\n',
    });
  });
  it('GCP metadata: connection refused is retried 6 times, then wrapped', async () => {
    const sleeps: number[] = [];
    const c = createAgentClient({
      agentURL: 'http://127.0.0.1:9',
      auth: 'google-instance-identity',
      env: { GCE_METADATA_HOST: '127.0.0.1:9' },
      backoff: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.25 },
    });
    const err = await c.refreshToken().catch((e: Error) => e.message);
    expect(sleeps).toEqual([25, 50, 100, 200, 400]);
    expect(err).toBe(
      'get metadata identity: Get "http://127.0.0.1:9/computeMetadata/v1/instance/service-accounts/default/identity?audience=coder&format=full": dial tcp 127.0.0.1:9: connect: connection refused',
    );
  });

  async function tcp(onConn: (s: Socket) => void): Promise<{ host: string; conns: () => number }> {
    let n = 0;
    const s = createTcpServer((sock) => {
      n++;
      sock.once('data', () => onConn(sock));
    });
    servers.push(s as unknown as Server);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    return { host: `127.0.0.1:${(s.address() as { port: number }).port}`, conns: () => n };
  }
  const gcp = (host: string, sleeps: number[]) =>
    createAgentClient({
      agentURL: 'http://127.0.0.1:9',
      auth: 'google-instance-identity',
      env: { GCE_METADATA_HOST: host },
      backoff: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    })
      .refreshToken()
      .catch((e: Error) => e.message);
  it('GCP metadata: a connection closed before any response is io.EOF, which is not retried', async () => {
    const srv = await tcp((s) => s.destroy());
    const sleeps: number[] = [];
    expect(await gcp(srv.host, sleeps)).toBe(
      `get metadata identity: Get "http://${srv.host}/computeMetadata/v1/instance/service-accounts/default/identity?audience=coder&format=full": EOF`,
    );
    expect(srv.conns()).toBe(1);
    expect(sleeps).toEqual([]);
  });
  it('GCP metadata: a connection reset by the peer is retried (syscall ECONNRESET), 6 tries', async () => {
    const srv = await tcp((s) => s.resetAndDestroy());
    const sleeps: number[] = [];
    expect(await gcp(srv.host, sleeps)).toMatch(
      /^get metadata identity: Get "http:\/\/127\.0\.0\.1:\d+\/computeMetadata\/v1\/instance\/service-accounts\/default\/identity\?audience=coder&format=full": read tcp 127\.0\.0\.1:\d+->127\.0\.0\.1:\d+: read: connection reset by peer$/,
    );
    expect(srv.conns()).toBe(6);
    expect(sleeps).toEqual([50, 100, 200, 400, 800]);
  });

  it('proxy refused: proxyconnect', async () => {
    const err = await roundTrip({ method: 'GET', url: url('http://169.254.169.254/x'), env: { HTTP_PROXY: 'http://127.0.0.1:9' } }).catch(
      (e: Error) => e.message,
    );
    expect(err).toBe('Get "http://169.254.169.254/x": proxyconnect tcp: dial tcp 127.0.0.1:9: connect: connection refused');
  });
  it('unsupported scheme and relative agent URL', async () => {
    expect((await runCli(['--agent-url', 'ftp://x', '--agent-token', 't', 'external-auth', 'access-token', 'g'])).stderr).toBe(
      H + 'Get "ftp://x/api/v2/workspaceagents/me/external-auth?id=g&match=": unsupported protocol scheme "ftp"\n',
    );
    expect((await runCli(['--agent-url', 'coder.test', '--agent-token', 't', 'external-auth', 'access-token', 'g'])).stderr).toBe(
      H + 'Get "/api/v2/workspaceagents/me/external-auth?id=g&match=": unsupported protocol scheme ""\n',
    );
  });
  it('a token with a newline is an invalid header value (the value is never printed)', async () => {
    const r = await runCli(['--agent-url', 'http://127.0.0.1:9', 'external-auth', 'access-token', 'g'], { CODER_AGENT_TOKEN: 'sec\nret' });
    expect(r.stderr).toBe(
      H + 'Get "http://127.0.0.1:9/api/v2/workspaceagents/me/external-auth?id=g&match=": net/http: invalid header field value for "Coder-Session-Token"\n',
    );
  });
});

describe('removeZone (the host Request.write names)', () => {
  it('drops an IPv6 zone, and leaves every other host as it is', () => {
    expect(removeZone('[fe80::1%lo]:9')).toBe('[fe80::1]:9');
    expect(removeZone('[fe80::1%en0]')).toBe('[fe80::1]');
    expect(removeZone('[::1]:9')).toBe('[::1]:9');
    expect(removeZone('a%b:9')).toBe('a%b:9');
    expect(removeZone('[fe80::1%lo')).toBe('[fe80::1%lo');
  });
});
