// One exchange of the loopback server: reads a node:http request, routes it (origin-form, forward
// proxy, CONNECT, foreign), answers through msw's getResponse(handlers, request), writes the answer
// (or destroys the socket for a reset, resets it for an rst fault, cuts the body or the head short for a
// truncate/truncateHead fault) and journals it with its contract violations (a cut head: its bytes as the body).
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { getResponse, type HttpHandler } from 'msw';
import { canonicalHeaderKey, utf8DecodeLossy } from '../../go/index.ts';
import type { World } from '../world.ts';
import { contractViolations, serviceOf } from './exchange.ts';
import { journalHeaderPairs, type Journal, type JournalEntry, type JournalService } from './journal.ts';
import { routeRequest } from './route.ts';
import { OPERATIONS } from '../operations.ts';
import { socketFaultOf } from '../faults.ts';

export interface ExchangeContext {
  world: World;
  handlers: HttpHandler[];
  journal: Journal;
  validate: boolean;
  /** The server's origin (known once it listens). */
  origin(): string;
}

/** CONNECT answer for any target but the simulator's own TLS port. */
export const CONNECT_REFUSED_TEXT =
  'CONNECT is not supported: this simulator is a plain-http forward proxy (it serves http://169.254.169.254 and http://metadata.google.internal) and tunnels only to its own TLS port.\n';

/** Hop-by-hop headers a Fetch Request cannot carry; everything else is passed on. */
const SKIP_REQUEST_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'content-length', 'te', 'trailer']);

function rawHeaderPairs(req: IncomingMessage): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) out.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Path and query exactly as sent (absolute-form: after the authority; query without "?"; no fragment). */
export function splitTarget(target: string): { path: string; query: string } {
  let rest = target.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/, '');
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const path = q < 0 ? rest : rest.slice(0, q);
  return { path: path === '' ? '/' : path, query: q < 0 ? '' : rest.slice(q + 1) };
}

/** Methods the contract declares for a path (empty when the path is not one of its operations). */
function allowedMethods(path: string): string[] {
  return [...new Set(OPERATIONS.filter((o) => o.path.test(path)).map((o) => o.method))];
}

function unhandledBody(method: string, url: string, why: string): string {
  return JSON.stringify({ message: `coder-conformance simulator: no handler for ${method} ${url}`, detail: why }) + '\n';
}

/** The `request` listener of the server. */
export function createRequestListener(ctx: ExchangeContext): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = ctx.origin();
    const { world, handlers, journal } = ctx;
    const started = Date.now();
    const time = new Date(started).toISOString();
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const headers = rawHeaderPairs(req);
    const bodyBytes = await readBody(req);
    const body = utf8DecodeLossy(bodyBytes);
    const route = routeRequest(method, target, origin);
    const { path, query } = splitTarget(target);

    let status: number;
    let outHeaders: [string, string][] = [];
    let outBody: Uint8Array = new Uint8Array(0);
    let service: JournalService = 'unhandled';
    let operationId: string | undefined;
    let reset = false;
    let rst = false;
    let raw: string | undefined;
    let truncate: number | undefined;
    let truncateHead: number | undefined;

    if (route.kind === 'connect') {
      status = 405;
      outHeaders = [['Content-Type', 'text/plain; charset=utf-8']];
      outBody = new TextEncoder().encode(CONNECT_REFUSED_TEXT);
    } else if (route.kind === 'foreign') {
      status = 501;
      outHeaders = [['Content-Type', 'application/json; charset=utf-8']];
      outBody = new TextEncoder().encode(
        unhandledBody(method, route.url, 'the simulator proxies only http://169.254.169.254 and http://metadata.google.internal; nothing leaves this machine'),
      );
    } else {
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) abort.abort();
      });
      const init: RequestInit & { duplex?: 'half' } = { method, headers: new Headers(), signal: abort.signal };
      for (const [k, v] of headers) {
        const name = k.toLowerCase();
        if (SKIP_REQUEST_HEADERS.has(name)) continue;
        // coderd reads its token with Go's Header.Get: the first line wins (Fetch would join them).
        if (name === 'coder-session-token' && (init.headers as Headers).has(name)) continue;
        (init.headers as Headers).append(k, v);
      }
      if (method !== 'GET' && method !== 'HEAD') init.body = new Uint8Array(bodyBytes);
      let request: Request | undefined;
      let problem = '';
      try {
        request = new Request(route.fetchUrl, init);
      } catch (err) {
        problem = (err as Error).message;
      }
      const response = request ? await getResponse(handlers, request) : undefined;
      const allowed = response ? [] : allowedMethods(path);
      if (!response && allowed.length > 0 && !allowed.includes(method)) {
        // A path of the contract with another method (TRACE too, which Fetch cannot carry): the
        // simulator's own signal, 405 with Allow and a JSON text naming the declared methods; not
        // upstream's bytes (coderd's middleware answers first, chi's 405 has no body). Journaled as
        // unhandled, so the runner flags it.
        status = 405;
        outHeaders = [
          ['Allow', allowed.join(', ')],
          ['Content-Type', 'application/json; charset=utf-8'],
        ];
        outBody = new TextEncoder().encode(unhandledBody(method, route.url, `the contract declares only ${allowed.join(', ')} for this path`));
      } else if (!request) {
        status = 400;
        outHeaders = [['Content-Type', 'application/json; charset=utf-8']];
        outBody = new TextEncoder().encode(
          JSON.stringify({ message: `coder-conformance simulator: cannot represent ${method} ${route.url} as a Fetch request`, detail: problem }) + '\n',
        );
      } else if (!response) {
        status = 501;
        outHeaders = [['Content-Type', 'application/json; charset=utf-8']];
        outBody = new TextEncoder().encode(unhandledBody(method, route.url, 'no simulated service answers this method and path'));
      } else if (response.type === 'error') {
        reset = true;
        const cut = socketFaultOf(response);
        rst = cut?.kind === 'rst';
        if (cut?.kind === 'raw') raw = cut.text;
        status = 0;
        ({ service, operationId } = serviceOf(method, path, new URL(route.fetchUrl).hostname));
      } else {
        status = response.status;
        response.headers.forEach((v, k) => {
          if (k !== 'content-length' && k !== 'transfer-encoding') outHeaders.push([canonicalHeaderKey(k), v]);
        });
        outBody = new Uint8Array(await response.arrayBuffer());
        const cut = socketFaultOf(response);
        if (cut?.kind === 'truncate' && cut.bytes < outBody.length) truncate = cut.bytes;
        if (cut?.kind === 'truncateHead') truncateHead = cut.bytes;
        ({ service, operationId } = serviceOf(method, path, new URL(route.fetchUrl).hostname));
      }
      if (abort.signal.aborted) reset = true;
    }

    if (raw !== undefined) {
      req.socket.end(Buffer.from(raw, 'utf8'));
    } else if (rst) {
      req.socket.resetAndDestroy();
    } else if (reset) {
      req.socket.destroy();
    } else if (truncateHead !== undefined) {
      // The head as this server writes it (no Date), cut after its first bytes; no body.
      let raw = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n`;
      for (const [k, v] of outHeaders) raw += `${k}: ${v}\r\n`;
      raw += `Content-Length: ${outBody.length}\r\n\r\n`;
      const bytes = Buffer.from(raw, 'latin1').subarray(0, truncateHead);
      req.socket.end(bytes);
      outHeaders = [];
      outBody = bytes;
    } else {
      const flat: string[] = [];
      for (const [k, v] of outHeaders) flat.push(k, v);
      flat.push('Content-Length', String(outBody.length));
      res.writeHead(status, flat);
      if (truncate === undefined) res.end(outBody);
      else {
        // The headers promise the whole body; the first bytes go out, then the connection closes.
        res.write(outBody.subarray(0, truncate), () => req.socket.end());
        outBody = outBody.subarray(0, truncate);
      }
    }

    const response: JournalEntry['response'] =
      raw !== undefined
        ? { status: 0, headers: [], body: raw }
        : reset
          ? { status: 0, headers: [], body: '' }
          : { status, headers: outHeaders, body: utf8DecodeLossy(outBody) };
    const parts = { method, url: route.url, path, query, headers: journalHeaderPairs(headers), body, response };
    journal.add({
      time,
      durationMs: Date.now() - started,
      service,
      ...(operationId !== undefined ? { operationId } : {}),
      ...parts,
      violations: contractViolations(world.revision, parts, ctx.validate && service !== 'unhandled'),
      proxied: route.kind === 'local' ? route.proxied : /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(target) || method === 'CONNECT',
    });
  };
}

/** This machine's names a CONNECT may give for the simulator's own TLS port. */
const OWN_TLS_HOSTS = new Set(['127.0.0.1', '0.0.0.0', 'localhost']);

/**
 * The `connect` listener: node routes CONNECT here, not to the request listener. A tunnel is opened only
 * to the simulator's own TLS port (`tlsPort`, on any of this machine's names); anything else is refused.
 */
export function createConnectListener(journal: Journal, tlsPort?: number): (req: IncomingMessage, socket: Duplex) => void {
  return (req, socket) => {
    // The socket is ours once node hands over a CONNECT: without a listener a client's reset
    // (curl -p gives up as soon as it reads the status line) would be an uncaught error.
    socket.on('error', () => socket.destroy());
    const started = Date.now();
    const target = req.url ?? '';
    const sep = target.lastIndexOf(':');
    if (tlsPort !== undefined && OWN_TLS_HOSTS.has(target.slice(0, sep)) && target.slice(sep + 1) === String(tlsPort)) {
      const upstream = connect(tlsPort, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('close', () => upstream.destroy());
      journal.add({
        time: new Date(started).toISOString(),
        durationMs: 0,
        service: 'proxy',
        method: 'CONNECT',
        url: target,
        path: target,
        query: '',
        headers: journalHeaderPairs(rawHeaderPairs(req)),
        body: '',
        response: { status: 200, headers: [], body: '' },
        violations: [],
        proxied: true,
      });
      return;
    }
    const text = CONNECT_REFUSED_TEXT;
    const bytes = Buffer.byteLength(text);
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${bytes}\r\nConnection: close\r\n\r\n${text}`);
    journal.add({
      time: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      service: 'unhandled',
      method: 'CONNECT',
      url: req.url ?? '',
      path: req.url ?? '',
      query: '',
      headers: journalHeaderPairs(rawHeaderPairs(req)),
      body: '',
      response: { status: 405, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: text },
      violations: [],
      proxied: true,
    });
  };
}
