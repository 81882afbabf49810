// startSimulator(): one node:http server on 127.0.0.1 (ephemeral port unless given) serving the
// World's handlers for binaries in any language — coderd for origin-form requests, the metadata
// services for origin-form metadata paths and for forward-proxy requests — with a journal of every
// exchange (serve-request.ts) and the environment an implementation needs (env.ts); the same handlers
// over TLS on a second port (tls.ts), which is also the one target the forward proxy tunnels CONNECT to.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { HttpHandler } from 'msw';
import type { CloudKeys } from '../cloud/index.ts';
import { createHandlers } from '../handlers.ts';
import { loadScenario } from '../scenario/load.ts';
import type { Fault, Revision, Scenario } from '../scenario/types.ts';
import { createWorld, type World } from '../world.ts';
import { simulatorEnv } from './env.ts';
import { Journal } from './journal.ts';
import { createConnectListener, createRequestListener } from './serve-request.ts';
import { tlsIdentity, type TlsIdentity } from './tls.ts';

export { CONNECT_REFUSED_TEXT } from './serve-request.ts';

export interface StartOptions {
  scenario: string | Scenario;
  revision?: Revision;
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Faults added to the scenario's own (they survive setScenario). */
  faults?: Fault[];
  keys?: CloudKeys;
  /**
   * The TLS certificate and key to serve {tls_origin} with (default: tls.ts's, made once per process);
   * false: no TLS port (tlsOrigin and caPem are empty, and the proxy tunnels CONNECT nowhere).
   */
  tls?: TlsIdentity | false;
  now?: () => Date;
  linkNow?: () => Date;
  /** Check every exchange against openapi.yaml (default true). */
  validate?: boolean;
  /**
   * How long a client may take to send its request head and body (default 10 s): a partial request
   * that stalls is answered 408 and closed. Answers themselves (listen long-poll, delay faults) are
   * not limited.
   */
  requestTimeoutMs?: number;
}

/** Go's http.Server reads up to DefaultMaxHeaderBytes (1 MiB) plus 4096 bytes of slack; more is 431. */
export const MAX_HEADER_BYTES = (1 << 20) + 4096;

export interface Simulator {
  origin: string;
  port: number;
  /** The same simulators over TLS (https://127.0.0.1:<tlsPort>, certificate from tls.ts); '' and 0 without. */
  tlsOrigin: string;
  tlsPort: number;
  /** The CA that issued the TLS certificate (PEM): what a case's {ca_file} holds ('' without TLS). */
  caPem: string;
  /** Environment for an implementation under test (updated in place by setScenario). */
  env: Record<string, string>;
  journal: Journal;
  world: World;
  handlers: HttpHandler[];
  /** Load another scenario into the running simulator (Pact provider states). */
  setScenario(nameOrScenario: string | Scenario, revision?: Revision): void;
  close(): Promise<void>;
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
  const sockets = new Set<Socket>();
  let origin = '';

  let tlsOrigin = '';
  const requestTimeout = options.requestTimeoutMs ?? 10_000;
  const serverOptions = {
    maxHeaderSize: MAX_HEADER_BYTES,
    headersTimeout: requestTimeout,
    requestTimeout,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeout / 4))),
  };
  const listener = (serve: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => (req: IncomingMessage, res: ServerResponse) => {
    serve(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`coder-conformance simulator internal error: ${(err as Error).message}\n`);
      } else {
        res.destroy();
      }
    });
  };
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const server = createServer(serverOptions, listener(createRequestListener({ world, handlers, journal, validate, origin: () => origin })));
  const tls = options.tls === false ? undefined : (options.tls ?? (await tlsIdentity()));
  const tlsServer =
    tls &&
    createTlsServer(
      { ...serverOptions, key: tls.keyPem, cert: tls.certPem },
      listener(createRequestListener({ world, handlers, journal, validate, origin: () => tlsOrigin })),
    );
  const listen = (s: typeof server | NonNullable<typeof tlsServer>, p: number) =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(p, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
    });
  const tlsPort = tlsServer ? await listen(tlsServer, 0) : 0;
  if (tlsServer) {
    tlsOrigin = `https://127.0.0.1:${tlsPort}`;
    tlsServer.on('connection', track);
  }
  server.on('connect', createConnectListener(journal, tlsServer ? tlsPort : undefined));
  server.on('connection', track);
  let port: number;
  try {
    port = await listen(server, options.port ?? 0);
  } catch (e) {
    tlsServer?.close();
    throw e;
  }
  origin = `http://127.0.0.1:${port}`;
  world.origin = origin;

  const sim: Simulator = {
    origin,
    port,
    tlsOrigin,
    tlsPort,
    caPem: tls?.caPem ?? '',
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
        let open = tlsServer ? 2 : 1;
        const done = () => {
          if (--open === 0) resolve();
        };
        server.close(done);
        tlsServer?.close(done);
        for (const s of sockets) s.destroy();
      });
    },
  };
  return sim;
}
