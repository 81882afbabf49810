// startSimulator(): one node:http server on 127.0.0.1 (ephemeral port unless given) serving the
// World's handlers for binaries in any language — coderd for origin-form requests, the metadata
// services for origin-form metadata paths and for forward-proxy requests — with a journal of every
// exchange (serve-request.ts) and the environment an implementation needs (env.ts).
import { createServer } from 'node:http';
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

export { CONNECT_REFUSED_TEXT } from './serve-request.ts';

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

  const serve = createRequestListener({ world, handlers, journal, validate, origin: () => origin });
  const requestTimeout = options.requestTimeoutMs ?? 10_000;
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: requestTimeout,
      requestTimeout,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeout / 4))),
    },
    (req, res) => {
      serve(req, res).catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end(`coder-conformance simulator internal error: ${(err as Error).message}\n`);
        } else {
          res.destroy();
        }
      });
    },
  );
  server.on('connect', createConnectListener(journal));
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
  world.origin = origin;

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
