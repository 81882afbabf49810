// startSimulator(): one node:http server on 127.0.0.1 that turns each request into a Fetch Request
// and answers through msw's getResponse(handlers, request) — coderd for origin-form requests (and
// metadata paths, for GCE_METADATA_HOST), the metadata services for absolute-form proxy requests to
// 169.254.169.254 / metadata.google.internal, 405 for CONNECT, 501 for anything else — and journals
// every exchange.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type HttpHandler } from 'msw';
import { utf8DecodeLossy } from '../../go/index.ts';
import type { CloudKeys } from '../cloud/index.ts';
import { createHandlers } from '../handlers.ts';
import { loadScenario } from '../scenario/load.ts';
import type { Fault, Revision, Scenario } from '../scenario/types.ts';
import { createWorld, type World } from '../world.ts';
import { simulatorEnv } from './env.ts';
import { contractViolations, serviceOf } from './exchange.ts';
import { Journal, type JournalEntry, type JournalService } from './journal.ts';
import { routeRequest } from './route.ts';

export interface StartOptions {
  scenario: string | Scenario;
  revision?: Revision;
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Faults added to the scenario's own (they survive setScenario). */
  faults?: Fault[];
  keys?: CloudKeys;
  now?: () => Date;
  linkNow?: () => Date;
  /** Check every exchange against openapi.yaml (default true). */
  validate?: boolean;
}

export interface Simulator {
  origin: string;
  port: number;
  /** Environment for an implementation under test (updated in place by setScenario). */
  env: Record<string, string>;
  journal: Journal;
  world: World;
  handlers: HttpHandler[];
  /** Load another scenario into the running simulator (Pact provider states). */
  setScenario(nameOrScenario: string | Scenario, revision?: Revision): void;
  close(): Promise<void>;
}

/** CONNECT answer: only plain-http forward proxying is offered. */
export const CONNECT_REFUSED_TEXT =
  'CONNECT is not supported: this simulator is a plain-http forward proxy only (it serves http://169.254.169.254 and http://metadata.google.internal).\n';

/** Hop-by-hop headers a Fetch Request cannot carry; everything else is passed on. */
const SKIP_REQUEST_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'content-length', 'te', 'trailer']);

function rawHeaderPairs(req: IncomingMessage): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) out.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  return out;
}

/** Go-style canonical header name (content-type → Content-Type). */
function canonical(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function unhandledBody(method: string, url: string, why: string): string {
  return JSON.stringify({ message: `coder-conformance simulator: no handler for ${method} ${url}`, detail: why }) + '\n';
}

export async function startSimulator(options: StartOptions): Promise<Simulator> {
  const initial = typeof options.scenario === 'string' ? loadScenario(options.scenario) : options.scenario;
  const world = await createWorld(initial, {
    revision: options.revision,
    keys: options.keys,
    now: options.now,
    linkNow: options.linkNow,
    faults: options.faults,
  });
  const handlers = createHandlers(world);
  const journal = new Journal();
  const validate = options.validate ?? true;
  const sockets = new Set<import('node:net').Socket>();
  let origin = '';

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const time = new Date(started).toISOString();
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const headers = rawHeaderPairs(req);
    const bodyBytes = await readBody(req);
    const body = utf8DecodeLossy(bodyBytes);
    const route = routeRequest(method, target, origin);
    const urlForParts = route.url;
    let path = target;
    let query = '';
    try {
      const u = new URL(urlForParts, origin);
      path = u.pathname;
      query = u.search.slice(1);
    } catch {
      /* keep the raw target */
    }

    let status: number;
    let outHeaders: [string, string][] = [];
    let outBody: Uint8Array = new Uint8Array(0);
    let service: JournalService = 'unhandled';
    let operationId: string | undefined;
    let reset = false;

    if (route.kind === 'connect') {
      status = 405;
      outHeaders = [['Content-Type', 'text/plain; charset=utf-8']];
      outBody = new TextEncoder().encode(CONNECT_REFUSED_TEXT);
    } else if (route.kind === 'foreign') {
      status = 501;
      outHeaders = [['Content-Type', 'application/json; charset=utf-8']];
      outBody = new TextEncoder().encode(unhandledBody(method, route.url, 'the simulator proxies only http://169.254.169.254 and http://metadata.google.internal; nothing leaves this machine'));
    } else {
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) abort.abort();
      });
      const init: RequestInit & { duplex?: 'half' } = { method, headers: new Headers(), signal: abort.signal };
      for (const [k, v] of headers) if (!SKIP_REQUEST_HEADERS.has(k.toLowerCase())) (init.headers as Headers).append(k, v);
      if (method !== 'GET' && method !== 'HEAD') init.body = new Uint8Array(bodyBytes);
      let request: Request | undefined;
      let problem = '';
      try {
        request = new Request(route.fetchUrl, init);
      } catch (err) {
        problem = (err as Error).message;
      }
      const response = request ? await getResponse(handlers, request) : undefined;
      if (!request) {
        status = 400;
        outHeaders = [['Content-Type', 'application/json; charset=utf-8']];
        outBody = new TextEncoder().encode(JSON.stringify({ message: `coder-conformance simulator: cannot represent ${method} ${route.url} as a Fetch request`, detail: problem }) + '\n');
      } else if (!response) {
        status = 501;
        outHeaders = [['Content-Type', 'application/json; charset=utf-8']];
        outBody = new TextEncoder().encode(unhandledBody(method, route.url, 'no simulated service answers this method and path'));
      } else if (response.type === 'error') {
        reset = true;
        status = 0;
        ({ service, operationId } = serviceOf(method, path, new URL(route.fetchUrl).hostname));
      } else {
        status = response.status;
        response.headers.forEach((v, k) => outHeaders.push([canonical(k), v]));
        outBody = new Uint8Array(await response.arrayBuffer());
        ({ service, operationId } = serviceOf(method, path, new URL(route.fetchUrl).hostname));
      }
      if (abort.signal.aborted) reset = true;
    }

    if (reset) {
      req.socket.destroy();
    } else {
      const flat: string[] = [];
      for (const [k, v] of outHeaders) flat.push(k, v);
      flat.push('Content-Length', String(outBody.length));
      res.writeHead(status, flat);
      res.end(outBody);
    }

    const response: JournalEntry['response'] = reset
      ? { status: 0, headers: [], body: '' }
      : { status, headers: outHeaders, body: utf8DecodeLossy(outBody) };
    const parts = { method, url: route.url, path, query, headers, body, response };
    journal.add({
      time,
      durationMs: Date.now() - started,
      service,
      ...(operationId !== undefined ? { operationId } : {}),
      ...parts,
      violations: contractViolations(world.revision, parts, validate && service !== 'unhandled'),
      proxied: route.kind === 'local' ? route.proxied : /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(target) || method === 'CONNECT',
    });
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`coder-conformance simulator internal error: ${(err as Error).message}\n`);
      } else {
        res.destroy();
      }
    });
  });
  server.on('connect', (req, socket) => {
    // node routes CONNECT here, not to the request handler.
    const started = Date.now();
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
      headers: rawHeaderPairs(req),
      body: '',
      response: { status: 405, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: text },
      violations: [],
      proxied: true,
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  const sim: Simulator = {
    origin,
    port,
    env: simulatorEnv(origin, world.scenario),
    journal,
    world,
    handlers,
    setScenario(nameOrScenario, revision) {
      const next = typeof nameOrScenario === 'string' ? loadScenario(nameOrScenario) : nameOrScenario;
      world.setScenario(next, revision);
      for (const k of Object.keys(sim.env)) delete sim.env[k];
      Object.assign(sim.env, simulatorEnv(origin, next));
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
  return sim;
}
