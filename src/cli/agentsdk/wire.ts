// One Go net/http client round trip over node:http/https, byte-faithful on the wire: Go header order
// (Host, User-Agent, Content-Length, sorted canonical headers, Accept-Encoding: gzip), no Connection
// header, proxies from the environment (absolute-form request line for http targets, CONNECT for
// https; an https proxy dialled with TLS first), transparent gunzip, redirects like http.Client, and
// Go's url.Error texts on failure.
import type { IncomingMessage, ClientRequest } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { canonicalHeaderKey, goStringBytes, goStringFromBytes, isDomainName, joinHostPort, quote, splitHostPortError, type GoURL } from '../../go/index.ts';
import { ErrCanceledCtx, ErrUnexpectedEOF, GoError, TextError, URLError } from '../errors/model.ts';
import { mapNodeError, NetError, type DialInfo } from './neterr.ts';
import { proxyForURL } from './proxy.ts';
import { responseHeadError } from './readresponse.ts';
import { goRootCAs } from './roots.ts';

export interface GoRequest {
  method: string;
  url: GoURL;
  /** Request headers with Go-canonical names (Header.Set canonicalises). */
  headers?: [string, string][];
  /** Default `Go-http-client/1.1`. */
  userAgent?: string;
  body?: Uint8Array;
  env: Record<string, string | undefined>;
  /** Aborting it fails the request with the signal's reason (a GoError such as context canceled). */
  signal?: AbortSignal;
}

export interface GoResponse {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
  /** Set when reading the body failed after the headers arrived (Go returns it from Body.Read). */
  bodyError?: GoError;
  /** The (last, after redirects) request method and URL, as codersdk.Error reports them. */
  method: string;
  url: string;
}

export function getHeader(res: { headers: [string, string][] }, name: string): string {
  const n = name.toLowerCase();
  return res.headers.find(([k]) => k.toLowerCase() === n)?.[1] ?? '';
}

function abortReason(signal: AbortSignal): GoError {
  return signal.reason instanceof GoError ? signal.reason : ErrCanceledCtx;
}

/** httpguts.ValidHeaderFieldValue: no CTLs except horizontal tab. */
function validHeaderValue(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return false;
  }
  return true;
}

/** Go writes header bytes as given; Node wants latin1 strings, so pass UTF-8 bytes through as latin1. */
/** A Go string's bytes as the latin1 text node writes byte for byte into a request head. */
function latin1(s: string): string {
  return goStringBytes(s).toString('latin1');
}

function basicAuth(u: GoURL): string | undefined {
  if (!u.user) return undefined;
  return 'Basic ' + goStringBytes(`${u.user.username}:${u.user.password ?? ''}`).toString('base64');
}

/** Strip the Connection header Node adds to the first (header) write; Go sends none. */
function stripConnectionHeader(sock: Socket): void {
  const orig = sock.write;
  sock.write = function (this: Socket, data: unknown, ...rest: unknown[]) {
    sock.write = orig;
    const marker = '\r\nConnection: close\r\n\r\n';
    if (typeof data === 'string') data = data.replace(marker, '\r\n\r\n');
    else if (Buffer.isBuffer(data)) {
      const t = data.toString('latin1');
      const i = t.indexOf(marker);
      if (i >= 0) data = Buffer.from(t.slice(0, i) + '\r\n\r\n' + t.slice(i + marker.length), 'latin1');
    }
    return (orig as (...a: unknown[]) => boolean).call(this, data, ...rest);
  } as typeof sock.write;
}

interface Hop {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
  bodyError?: GoError;
}

/**
 * The proxy's port: its own, else its scheme's (Go's transport portMap: http 80, https 443; none for any
 * other scheme, so Go dials port 0, which Linux refuses).
 */
function proxyPort(proxy: GoURL): string {
  return proxy.port() || (proxy.scheme === 'https' ? '443' : proxy.scheme === 'http' ? '80' : '0');
}

/** Go net/http's removeZone: `[fe80::1%en0]:8080` → `[fe80::1]:8080`; any other host as it is. */
export function removeZone(host: string): string {
  if (!host.startsWith('[')) return host;
  const i = host.lastIndexOf(']');
  if (i < 0) return host;
  const j = host.lastIndexOf('%', i);
  if (j < 0) return host;
  return host.slice(0, j) + host.slice(i);
}

/** Go dials an empty host (a proxy URL without one) as the unspecified address: this machine. */
function dialHost(host: string): string {
  return host === '' ? '0.0.0.0' : host;
}

/** An https proxy is dialled with TLS (SNI unless an IP), before any request or CONNECT is written. */
function tlsToProxy(tls: typeof import('node:tls'), proxy: GoURL, ca: string[] | undefined): Socket {
  const host = dialHost(proxy.hostname());
  return tls.connect({ host, port: Number(proxyPort(proxy)), ...(isIP(host) ? {} : { servername: host }), ...(ca ? { ca } : {}) });
}

/** A one-use agent whose connection is the given socket (node ignores a request's own createConnection). */
function agentWith(mod: typeof import('node:http') | typeof import('node:https'), connect: () => Socket): import('node:http').Agent {
  const agent = new mod.Agent();
  (agent as unknown as { createConnection: () => Socket }).createConnection = connect;
  return agent;
}

/** Opens a CONNECT tunnel through an http(s) proxy and returns a TLS socket to the target. */
async function tunnel(proxy: GoURL, host: string, port: string, servername: string, ca: string[] | undefined, signal?: AbortSignal): Promise<Socket> {
  const http = (await import('node:http')).default;
  const tls = (await import('node:tls')).default;
  const target = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const headers: string[] = ['Host', target, 'User-Agent', 'Go-http-client/1.1'];
  const pa = basicAuth(proxy);
  if (pa) headers.push('Proxy-Authorization', pa);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: dialHost(proxy.hostname()),
      port: proxyPort(proxy),
      method: 'CONNECT',
      path: target,
      headers,
      agent: proxy.scheme === 'https' ? agentWith(http, () => tlsToProxy(tls, proxy, ca)) : false,
      signal,
    });
    req.on('socket', (sock: Socket) => {
      if (sock.constructor.name !== 'MockHttpSocket') stripConnectionHeader(sock);
    });
    req.on('connect', (res: IncomingMessage, sock: Socket) => {
      if (res.statusCode !== 200) {
        sock.destroy();
        reject(new TextError(res.statusMessage ?? `${res.statusCode}`));
        return;
      }
      // Like Go's crypto/tls, no SNI for an IP address (the certificate is still checked against it).
      const t = tls.connect({ socket: sock, host: servername, ...(isIP(servername) ? {} : { servername }), ...(ca ? { ca } : {}) });
      t.once('secureConnect', () => resolve(t));
      t.once('error', (e) => reject(mapNodeError(e, { host, port, viaProxy: false, requestSent: false })));
    });
    req.on('error', (e) =>
      reject(signal?.aborted ? abortReason(signal) : mapNodeError(e, { host: proxy.hostname(), port: proxyPort(proxy), viaProxy: true, requestSent: false })),
    );
    req.end();
  });
}

async function hop(
  method: string,
  url: GoURL,
  headers: [string, string][],
  userAgent: string,
  body: Uint8Array | undefined,
  env: GoRequest['env'],
  signal?: AbortSignal,
): Promise<Hop> {
  const https = url.scheme === 'https';
  const choice = proxyForURL(url, env);
  if ('error' in choice) throw new TextError(choice.error);
  const proxy = choice.proxy;
  // Go dials an https proxy with TLS, any other scheme's (an empty one too) in plain TCP as an http proxy,
  // at its port (proxyPort); SOCKS is not modelled.
  if (proxy && (proxy.scheme === 'socks5' || proxy.scheme === 'socks5h'))
    throw new TextError(`proxy ${quote(proxy.scheme + '://' + proxy.host)} is not supported by the reference CLI`);
  const host = url.hostname();
  const port = url.port() || (https ? '443' : '80');

  // Request.write names the host without an IPv6 zone, in the Host header and a proxy's request line.
  const hostNoZone = removeZone(url.host);
  const lines: string[] = ['Host', latin1(hostNoZone), 'User-Agent', latin1(userAgent)];
  if (body !== undefined || method === 'POST' || method === 'PUT' || method === 'PATCH') lines.push('Content-Length', String(body?.length ?? 0));
  // http.Client's send(): userinfo in the request URL becomes `Authorization: Basic …` (a request header,
  // so it is sorted with the others) unless the request already carries an Authorization header.
  const userAuth = basicAuth(url);
  const all: [string, string][] = userAuth && !headers.some(([k]) => k === 'Authorization') ? [...headers, ['Authorization', userAuth]] : [...headers];
  const sorted = all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // Go's Header.write trims leading/trailing space and tab of every value (textproto.TrimString).
  for (const [k, v] of sorted) lines.push(k, latin1(v.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')));
  // Transport extra headers, written last and sorted: Accept-Encoding, then Proxy-Authorization.
  lines.push('Accept-Encoding', 'gzip');
  const pa = proxy && !https ? basicAuth(proxy) : undefined;
  if (pa) lines.push('Proxy-Authorization', pa);

  const dial: DialInfo = {
    host: proxy && !https ? proxy.hostname() : host,
    port: proxy && !https ? proxyPort(proxy) : port,
    viaProxy: !!proxy,
    requestSent: false,
  };
  // Linux refuses a connection to port 0, which Go dials for a proxy scheme without a default port (Node
  // would not even try).
  const first = proxy ? { host: proxy.hostname(), port: proxyPort(proxy) } : { host, port };
  // Go's dialer splits the address it was given (net.JoinHostPort of the URL's host and port) first: a host
  // with a stray bracket (`http://a]:1`) fails there, before the port is read (`http://x]:0` too).
  const address = joinHostPort(first.host, first.port);
  const unsplit = splitHostPortError(address);
  if (unsplit !== '') throw new NetError(`${proxy ? 'proxyconnect tcp: ' : ''}dial tcp: address ${address}: ${unsplit}`, 'EINVAL');
  if (first.port === '0') throw mapNodeError({ code: 'ECONNREFUSED' }, { ...first, viaProxy: !!proxy, requestSent: false });
  // url.Parse accepts any digits as a port; Go's dialer refuses one above 65535 (Node throws a RangeError).
  if (Number(first.port) > 65535) throw mapNodeError({ code: 'ERR_SOCKET_BAD_PORT' }, { ...first, viaProxy: !!proxy, requestSent: false });
  // Go's resolver answers a name that is no domain name (`127.0.0.1:1` from a pre-1.26 URL) without a query.
  if (first.host !== '' && isIP(first.host) === 0 && !isDomainName(first.host))
    throw mapNodeError({ code: 'ENOTFOUND' }, { ...first, viaProxy: !!proxy, requestSent: false });
  // The trusted CAs when SSL_CERT_FILE/SSL_CERT_DIR say (read only when TLS is spoken).
  const ca = https || proxy?.scheme === 'https' ? goRootCAs(env) : undefined;
  let tunnelSock: Socket | undefined;
  if (proxy && https) tunnelSock = await tunnel(proxy, host, port, host, ca, signal);

  // The CJS export objects (`default`), so interceptors that patch http.request (msw) see our calls.
  const mod = https ? (await import('node:https')).default : (await import('node:http')).default;
  // The connection when it is not a plain dial: the CONNECT tunnel (https target through a proxy) or TLS
  // to an https proxy (http target; node:tls is loaded only then).
  let connect: (() => Socket) | undefined;
  if (tunnelSock) connect = () => tunnelSock!;
  else if (proxy?.scheme === 'https') {
    const tls = (await import('node:tls')).default;
    connect = () => tlsToProxy(tls, proxy, ca);
  }
  return new Promise<Hop>((resolve, reject) => {
    let settled = false;
    const fail = (e: GoError) => {
      if (!settled) {
        settled = true;
        reject(e);
      }
    };
    const opts = {
      host: dialHost(dial.host),
      port: Number(dial.port),
      method,
      // Request.write's absolute form for a proxy: scheme://host + RequestURI (no userinfo, no fragment).
      path: latin1(proxy && !https ? `${url.scheme}://${hostNoZone}${url.requestURI()}` : url.requestURI()),
      headers: lines,
      agent: connect ? agentWith(mod, connect) : (false as const),
      // Go sends no SNI for an IP address (RFC 6066); Node checks the certificate against `host` then.
      servername: https && !isIP(host) ? host : undefined,
      ...(https && ca ? { ca } : {}),
    };
    const req: ClientRequest = mod.request(opts);
    const onAbort = () => {
      req.destroy();
      fail(abortReason(signal!));
    };
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => signal?.removeEventListener('abort', onAbort);
    // The bytes read before a response: a connection that closes mid-head fails with Go's parse error.
    const head: Buffer[] = [];
    let headBytes = 0;
    req.on('socket', (sock: Socket) => {
      // Under msw's interceptor (MockHttpSocket) the wire bytes are not real anyway, and its mock answers
      // a close-delimited response on a keep-alive request without ever ending it: keep Node's header there.
      if (sock.constructor.name !== 'MockHttpSocket') stripConnectionHeader(sock);
      // Before node's parser (which may fail on this very chunk and report the error at once).
      sock.prependListener('data', (c: Buffer) => {
        if (!settled && headBytes < 1 << 16) {
          head.push(c);
          headBytes += c.length;
        }
      });
      sock.once('connect', () => {
        dial.localAddress = sock.localAddress;
        dial.localPort = sock.localPort;
        dial.remoteAddress = sock.remoteAddress;
        dial.remotePort = sock.remotePort;
      });
    });
    req.on('error', (e) => {
      cleanup();
      if (signal?.aborted) return fail(abortReason(signal));
      const { message, code } = e as NodeJS.ErrnoException;
      const broken = headBytes > 0 && (message === 'socket hang up' || code?.startsWith('HPE_')) ? responseHeadError(Buffer.concat(head)) : undefined;
      fail(broken ?? mapNodeError(e, dial));
    });
    req.on('response', (res: IncomingMessage) => {
      settled = true;
      const chunks: Buffer[] = [];
      let bodyError: GoError | undefined;
      const raw: [string, string][] = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) raw.push([canonicalHeaderKey(res.rawHeaders[i]), res.rawHeaders[i + 1]]);
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('aborted', () => {
        bodyError ??= signal?.aborted ? abortReason(signal) : ErrUnexpectedEOF;
      });
      res.on('error', () => {
        bodyError ??= signal?.aborted ? abortReason(signal) : ErrUnexpectedEOF;
      });
      res.on('close', async () => {
        cleanup();
        let data: Uint8Array = Buffer.concat(chunks);
        let headersOut = raw;
        if (getHeader({ headers: raw }, 'Content-Encoding').toLowerCase() === 'gzip') {
          headersOut = raw.filter(([k]) => k !== 'Content-Encoding' && k !== 'Content-Length');
          const zlib = await import('node:zlib');
          try {
            data = zlib.gunzipSync(data);
          } catch (e) {
            const m = (e as Error).message;
            bodyError ??= new TextError(
              /incorrect header|unknown compression/.test(m) ? 'gzip: invalid header' : /unexpected end/.test(m) ? 'unexpected EOF' : `gzip: ${m}`,
            );
            data = new Uint8Array();
          }
        }
        resolve({ status: res.statusCode ?? 0, headers: headersOut, body: data, bodyError });
      });
    });
    req.end(body ? Buffer.from(body) : undefined);
  });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** net/http stripPassword: the URL text of a *url.Error with a set password replaced by `***`. */
export function redactedURL(url: GoURL): string {
  const text = url.toString();
  if (!url.user || url.user.password === undefined) return text;
  const at = text.indexOf('@', text.indexOf('//') + 2);
  return text.slice(0, text.indexOf('//') + 2) + `${url.user.username}:***` + text.slice(at);
}

/** Go refererForURL: the previous request URL without userinfo; none from https to http. */
function refererFor(last: GoURL, next: GoURL): string {
  if (last.scheme === 'https' && next.scheme === 'http') return '';
  const u = last.clone();
  u.user = undefined;
  return u.toString();
}

/** http.Client.Do: validates, sends, follows up to 10 redirects; failures are *url.Error. */
export async function roundTrip(r: GoRequest): Promise<GoResponse> {
  let method = r.method;
  let url = r.url;
  let body = r.body;
  const initial = (r.headers ?? []).map(([k, v]) => [canonicalHeaderKey(k), v] as [string, string]);
  let headers = initial;
  // url.Error's Op comes from the first request's method, even after a 303 turned a POST into a GET.
  const op = r.method;
  for (let redirects = 0; ; redirects++) {
    const urlText = url.toString();
    const fail = (cause: GoError, at: string = redactedURL(url)) => new URLError(op, at, cause);
    if (url.scheme !== 'http' && url.scheme !== 'https') throw fail(new TextError(`unsupported protocol scheme ${quote(url.scheme)}`));
    if (url.host === '') throw fail(new TextError('http: no Host in request URL'));
    for (const [k, v] of headers) if (!validHeaderValue(v)) throw fail(new TextError(`net/http: invalid header field value for ${quote(k)}`));
    if (r.signal?.aborted) throw fail(abortReason(r.signal));
    let res: Hop;
    try {
      res = await hop(method, url, headers, r.userAgent ?? 'Go-http-client/1.1', body, r.env, r.signal);
    } catch (e) {
      throw fail(e instanceof GoError ? e : new TextError(String(e)));
    }
    // A header value is bytes (node gives them as latin1 text); Go reads them as a string of those bytes.
    const loc = goStringFromBytes(Buffer.from(getHeader(res, 'Location'), 'latin1'));
    if (!REDIRECTS.has(res.status) || loc === '') return { ...res, method, url: urlText };
    let next: GoURL;
    try {
      next = url.parseRef(loc);
    } catch (e) {
      throw fail(new TextError(`failed to parse Location header ${quote(loc)}: ${(e as Error).message}`));
    }
    // The default CheckRedirect refuses the 11th request; that error names the raw Location value.
    if (redirects + 1 >= 10) throw fail(new TextError('stopped after 10 redirects'), loc);
    if (res.status === 301 || res.status === 302 || res.status === 303) {
      if (method !== 'GET' && method !== 'HEAD') method = 'GET';
      body = undefined;
    }
    // The new request carries the first request's headers plus a Referer naming the previous URL.
    const referer = refererFor(url, next);
    headers = referer !== '' ? [...initial.filter(([k]) => k !== 'Referer'), ['Referer', referer]] : initial;
    url = next;
  }
}
