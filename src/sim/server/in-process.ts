// Journals in-process traffic: attaches to an msw setupServer's lifecycle events so requests the
// handlers answer without the loopback server are recorded exactly like the server's (service,
// operationId, headers, bodies, contract violations). Header names are the Fetch (lower-case) ones.
import { utf8DecodeLossy } from '../../go/index.ts';
import type { World } from '../world.ts';
import { contractViolations, serviceOf } from './exchange.ts';
import { journalHeaderPairs, type Journal, type JournalEntry } from './journal.ts';

interface Pending {
  started: number;
  body: Promise<string>;
}

/** The part of msw's SetupServerApi this needs. */
export interface LifecycleSource {
  events: {
    on(event: 'request:start', listener: (args: { request: Request; requestId: string }) => void): void;
    on(event: 'request:unhandled', listener: (args: { request: Request; requestId: string }) => void): void;
    on(event: 'response:mocked', listener: (args: { request: Request; requestId: string; response: Response }) => void): void;
  };
}

function pairs(h: Headers): [string, string][] {
  const out: [string, string][] = [];
  h.forEach((v, k) => out.push([k, v]));
  return journalHeaderPairs(out);
}

async function textOf(r: Request | Response): Promise<string> {
  try {
    return utf8DecodeLossy(new Uint8Array(await r.clone().arrayBuffer()));
  } catch {
    return '';
  }
}

/**
 * Record every request `server` sees into `journal`; `world` supplies the contract revision.
 * Entries are added asynchronously: await the returned `flush()` before reading the journal.
 */
export function journalInProcess(server: LifecycleSource, journal: Journal, world: World, opts: { validate?: boolean } = {}): { flush(): Promise<void> } {
  const pending = new Map<string, Pending>();
  const inFlight = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const record = async (request: Request, requestId: string, response: Response | undefined) => {
    const p = pending.get(requestId);
    pending.delete(requestId);
    const started = p?.started ?? Date.now();
    const url = new URL(request.url);
    const body = p ? await p.body : '';
    const res: JournalEntry['response'] = !response
      ? { status: 0, headers: [], body: '' }
      : response.type === 'error'
        ? { status: 0, headers: [], body: '' }
        : { status: response.status, headers: pairs(response.headers), body: await textOf(response) };
    const cls = response ? serviceOf(request.method, url.pathname, url.hostname) : { service: 'unhandled' as const };
    const parts = {
      method: request.method,
      url: request.url,
      path: url.pathname,
      query: url.search.slice(1),
      headers: pairs(request.headers),
      body,
      response: res,
    };
    journal.add({
      time: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      service: cls.service,
      ...('operationId' in cls && cls.operationId !== undefined ? { operationId: cls.operationId } : {}),
      ...parts,
      violations: contractViolations(world.revision, parts, (opts.validate ?? true) && cls.service !== 'unhandled'),
      proxied: false,
    });
  };
  server.events.on('request:start', ({ request, requestId }) => {
    pending.set(requestId, { started: Date.now(), body: textOf(request) });
  });
  server.events.on('request:unhandled', ({ request, requestId }) => {
    track(record(request, requestId, undefined));
  });
  server.events.on('response:mocked', ({ request, requestId, response }) => {
    track(record(request, requestId, response));
  });
  return {
    async flush() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
