// The journal: every exchange the simulators saw (request as received, response as sent, which
// operation and service answered, proxied or not, contract violations), queryable and writable as
// JSON for the runner's judge and for people debugging an implementation.
import { writeFile } from 'node:fs/promises';
import { utf8DecodeLossy } from '../../go/index.ts';
import type { Service } from '../../openapi/index.ts';

/**
 * Header values as the journal shows them: node (and Fetch) give byte strings, one char per byte;
 * the bytes are read as UTF-8 like every other text of the journal (`é` sent as UTF-8 shows as `é`).
 */
export function journalHeaderPairs(pairs: [string, string][]): [string, string][] {
  return pairs.map(([k, v]) => [k, /^[\x00-\x7f]*$/.test(v) ? v : utf8DecodeLossy(Buffer.from(v, 'latin1'))]);
}

/** Which service answered: coderd or a cloud of openapi.yaml, or `unhandled`. */
/** `proxy`: a CONNECT the forward proxy tunnelled (to the simulator's own TLS port). */
export type JournalService = Service | 'proxy' | 'unhandled';

export interface JournalEntry {
  seq: number;
  /** When the request arrived (ISO 8601, real clock). */
  time: string;
  durationMs: number;
  service: JournalService;
  operationId?: string;
  method: string;
  /** Absolute URL: the request target for proxied requests, origin + target otherwise. */
  url: string;
  /** Path as sent (not decoded). */
  path: string;
  /** Raw query string without "?" ('' when none). */
  query: string;
  /** Request headers with their names as sent, in order (node rawHeaders). */
  headers: [string, string][];
  /** Request body bytes as UTF-8 text. */
  body: string;
  /** status 0 = no answer (connection reset, or the client went away first). */
  response: { status: number; headers: [string, string][]; body: string };
  /** Contract violations (openapi.yaml, World revision), each prefixed `request: ` or `response: `. */
  violations: string[];
  /** Arrived as an absolute-form (forward proxy) request. */
  proxied: boolean;
}

export interface JournalQuery {
  service?: JournalService;
  operationId?: string;
  method?: string;
  path?: string;
  status?: number;
  proxied?: boolean;
}

function matches(e: JournalEntry, q: JournalQuery): boolean {
  return (
    (q.service === undefined || e.service === q.service) &&
    (q.operationId === undefined || e.operationId === q.operationId) &&
    (q.method === undefined || e.method === q.method.toUpperCase()) &&
    (q.path === undefined || e.path === q.path) &&
    (q.status === undefined || e.response.status === q.status) &&
    (q.proxied === undefined || e.proxied === q.proxied)
  );
}

export class Journal {
  #entries: JournalEntry[] = [];
  #seq = 0;

  add(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const full: JournalEntry = { seq: ++this.#seq, ...entry };
    this.#entries.push(full);
    return full;
  }

  get entries(): readonly JournalEntry[] {
    return this.#entries;
  }

  filter(q: JournalQuery = {}): JournalEntry[] {
    return this.#entries.filter((e) => matches(e, q));
  }

  /** Entries whose request no handler answered (501 from the server). */
  unhandled(): JournalEntry[] {
    return this.filter({ service: 'unhandled' });
  }

  /** Every violation (or only the request/response ones), prefixed with the entry's seq and request line. */
  violations(side?: 'request' | 'response'): string[] {
    return this.#entries.flatMap((e) =>
      e.violations.filter((v) => side === undefined || v.startsWith(`${side}: `)).map((v) => `#${e.seq} ${e.method} ${e.url}: ${v}`),
    );
  }

  clear(): void {
    this.#entries = [];
  }

  toJSON(): JournalEntry[] {
    return this.#entries.map((e) => structuredClone(e));
  }

  /** Write the entries as pretty JSON (an array) to `file`. */
  async write(file: string): Promise<void> {
    await writeFile(file, JSON.stringify(this.toJSON(), null, 2) + '\n');
  }
}
