// Hostile HTTP against the loopback server and forward proxy, from a raw socket, as fast-check
// properties (fixed seed in `npm test`, random and 20x in `npm run fuzz`): arbitrary request lines
// (origin-form, absolute-form for the metadata hosts and anything else, CONNECT, malformed), header
// names and values with raw bytes, huge headers, binary bodies with right, short or long
// Content-Length, chunked bodies. Every connection ends with one HTTP/1.1 answer or a close, never a
// 5xx other than 501 (unhandled) and never a crash; proxied targets that are not simulated are 501;
// the journal holds each answered request with its body and header bytes read as UTF-8, and writes
// as JSON. A request that stalls half-way is answered 408 (400 mid-body) and closed after the request timeout,
// while slow answers (delay faults, like listen's long-poll) are not cut.
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utf8DecodeLossy } from '../../go/index.ts';
import { runs } from '../../testing/properties.ts';
import { sharedKeys } from '../test-support.ts';
import { journalHeaderPairs } from './journal.ts';
import { MAX_HEADER_BYTES, startSimulator, type Simulator } from './start.ts';

const TOKEN = '11111111-1111-4111-8111-111111111111';
const REQUEST_TIMEOUT_MS = 400;
let sim: Simulator;
const dir = mkdtempSync(join(tmpdir(), 'sim-hostile-'));

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'aws-single-agent', keys: await sharedKeys(), requestTimeoutMs: REQUEST_TIMEOUT_MS });
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Raw {
  /** Everything the server sent, as latin1 text (one char per byte). */
  text: string;
  /** Status codes of the answers, in order. */
  statuses: number[];
}

/** Writes `bytes`, then half-closes (unless `stall`), and reads until the server closes. */
function exchange(bytes: Uint8Array, stall = false): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = connect(sim.port, '127.0.0.1', () => {
      s.write(bytes);
      if (!stall) s.end();
    });
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? undefined : reject(err)));
    s.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ text, statuses: [...text.matchAll(/(?:^|\r\n)HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1])) });
    });
  });
}

const enc = (s: string) => Buffer.from(s, 'latin1');

// ---- generators ----------------------------------------------------------------------------

const token = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,12}$/);
const method = fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'DELETE', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE', 'get', 'G ET', ''), token);
const paths = [
  '/api/v2/workspaceagents/me/external-auth?id=github&match=',
  '/api/v2/workspaceagents/aws-instance-identity',
  '/api/v2/workspaceagents/azure-instance-identity',
  '/latest/api/token',
  '/latest/dynamic/instance-identity/document',
  '/metadata/attested/document?api-version=2020-09-01',
  '/computeMetadata/v1/instance/service-accounts/default/identity?audience=x',
  '/',
  '/%ff%00/..;/?#frag',
  '/a b',
];
const path = fc.oneof(
  fc.constantFrom(...paths),
  fc.string({ maxLength: 30 }).map((s) => `/${s}`),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const host = () =>
  fc.constantFrom(
    '169.254.169.254',
    '169.254.169.254:80',
    '169.254.169.254:8080',
    'metadata.google.internal',
    `127.0.0.1:${sim.port}`,
    `localhost:${sim.port}`,
    '127.0.0.1:9',
    'example.com',
    '10.1.2.3',
    '[::1]',
    '[bad',
    '',
  );
const scheme = fc.constantFrom('http://', 'https://', 'HTTP://', 'ftp://', '//');
const target = fc.oneof(
  { weight: 3, arbitrary: path },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        scheme,
        fc.constant(null).chain(() => host()),
        fc.constantFrom(...paths),
      )
      .map(([a, b, c]) => a + b + c),
  },
  { weight: 1, arbitrary: fc.constant(null).chain(() => host()) },
  { weight: 1, arbitrary: fc.constantFrom('*', '') },
);
const version = fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1x', 'http/1.1', '');
const headerValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => utf8Latin1(s)),
  fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')),
);
const headerName = fc.oneof(
  token,
  fc.constantFrom(
    'Coder-Session-Token',
    'Content-Type',
    'X-aws-ec2-metadata-token',
    'Metadata',
    'Metadata-Flavor',
    'Host',
    'Transfer-Encoding',
    'Bad Name',
    '',
  ),
);
const header = fc.tuple(headerName, headerValue);
const body = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.string({ maxLength: 100 }).map((s) => Buffer.from(JSON.stringify({ signature: s, document: s, agent_name: s }))),
);
const framing = fc.constantFrom('exact', 'exact', 'none', 'short', 'long', 'chunked', 'both');

/** A JS string's UTF-8 bytes as a latin1 string (how a raw socket carries it). */
function utf8Latin1(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}

interface Shape {
  method: string;
  target: string;
  version: string;
  headers: [string, string][];
  body: Uint8Array;
  framing: string;
  token: boolean;
}

const request = fc.record({ method, target, version, headers: fc.array(header, { maxLength: 6 }), body, framing, token: fc.boolean() });

function bytesOf(r: Shape): Uint8Array {
  const lines = [`${r.method} ${r.target} ${r.version}`.trimEnd()];
  if (r.token) lines.push(`Coder-Session-Token: ${TOKEN}`);
  for (const [k, v] of r.headers) lines.push(`${k}: ${v}`);
  const b = Buffer.from(r.body);
  let payload: Buffer = Buffer.alloc(0);
  switch (r.framing) {
    case 'exact':
      lines.push(`Content-Length: ${b.length}`);
      payload = b;
      break;
    case 'short':
      lines.push(`Content-Length: ${b.length + 5}`);
      payload = b;
      break; // the client gives up (FIN) mid-body
    case 'long':
      lines.push(`Content-Length: ${Math.max(0, b.length - 3)}`);
      payload = b;
      break; // extra bytes: a second, garbage request
    case 'chunked':
      lines.push('Transfer-Encoding: chunked');
      payload = Buffer.concat([enc(`${b.length.toString(16)}\r\n`), b, enc('\r\n0\r\n\r\n')]);
      break;
    case 'both':
      lines.push('Transfer-Encoding: chunked', `Content-Length: ${b.length}`);
      payload = b;
      break;
  }
  return Buffer.concat([enc(lines.join('\r\n') + '\r\n\r\n'), payload]);
}

function acceptable(statuses: number[]): boolean {
  return statuses.every((s) => s < 500 || s === 501);
}

async function stillServes(): Promise<void> {
  const r = await exchange(
    enc(`GET /api/v2/workspaceagents/me/external-auth?id=github&match= HTTP/1.1\r\nHost: x\r\nCoder-Session-Token: ${TOKEN}\r\nConnection: close\r\n\r\n`),
  );
  expect(r.statuses).toEqual([200]);
}

describe('hostile requests', () => {
  it('arbitrary request lines, headers and bodies: one answer or a close, no 5xx but 501, no crash', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const got = await exchange(bytesOf(r));
        if (!acceptable(got.statuses)) throw new Error(`answered ${got.statuses.join(', ')}: ${got.text.slice(0, 300)}`);
        // Anything the server sent starts with a status line.
        if (got.text !== '' && !got.text.startsWith('HTTP/1.1 ')) throw new Error(`not an HTTP answer: ${JSON.stringify(got.text.slice(0, 80))}`);
      }),
      { numRuns: runs(150) },
    );
    await stillServes();
  });

  it('the proxy answers only the simulated hosts; every other absolute-form target is 501 and journaled', async () => {
    const wellFormed = paths.filter((p) => !p.includes(' '));
    const other = fc.constantFrom(
      'example.com',
      '10.1.2.3',
      '127.0.0.1:9',
      '127.0.0.2',
      'localhost:1',
      '169.254.169.254:8080',
      'metadata.google.internal:81',
      'metadata.google.internal.evil',
    );
    await fc.assert(
      fc.asyncProperty(other, fc.constantFrom(...wellFormed), fc.constantFrom('GET', 'PUT', 'POST'), async (h, p, m) => {
        sim.journal.clear();
        const t = `http://${h}${p}`;
        const got = await exchange(enc(`${m} ${t} HTTP/1.1\r\nHost: ${h}\r\nContent-Length: 0\r\n\r\n`));
        const e = sim.journal.entries;
        return (
          got.statuses.length === 1 &&
          got.statuses[0] === 501 &&
          e.length === 1 &&
          e[0].url === t &&
          e[0].service === 'unhandled' &&
          e[0].proxied &&
          e[0].response.status === 501
        );
      }),
      { numRuns: runs(40) },
    );
  });

  it("huge headers: up to Go's 1 MiB + 4096 accepted, beyond it 431, never a crash", async () => {
    const value = (n: number) => 'a'.repeat(n);
    const get = `GET /api/v2/workspaceagents/me/external-auth?id=github&match= HTTP/1.1\r\nHost: x\r\nCoder-Session-Token: ${TOKEN}\r\n`;
    const under = await exchange(enc(`${get}X-Big: ${value(MAX_HEADER_BYTES - 300)}\r\n\r\n`));
    expect(under.statuses).toEqual([200]);
    const over = await exchange(enc(`${get}X-Big: ${value(MAX_HEADER_BYTES + 10)}\r\n\r\n`));
    expect(over.statuses).toEqual([431]);
    const many = await exchange(enc(`GET / HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: v`).join('\r\n')}\r\n\r\n`));
    expect(acceptable(many.statuses) && many.statuses.length === 1).toBe(true);
    await stillServes();
  });
});

describe('stalled requests', () => {
  const cut = fc.record({
    r: request.filter((x) => x.framing === 'exact' && x.body.length > 0 && x.method === 'POST'),
    at: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  });
  it('a request that stops half-way is answered 408 (400 once its body had begun) and closed after the request timeout', async () => {
    await fc.assert(
      fc.asyncProperty(cut, async ({ r, at }) => {
        const b = bytesOf({ ...r, method: 'POST', version: 'HTTP/1.1', target: '/api/v2/workspaceagents/aws-instance-identity', headers: [] });
        const sent = b.subarray(0, Math.max(1, Math.floor(b.length * at)));
        const got = await exchange(sent, true);
        if (got.statuses.length > 1 || !got.statuses.every((s) => s === 408 || s === 400))
          throw new Error(`sent ${JSON.stringify(Buffer.from(sent).toString('latin1'))}, got ${JSON.stringify(got.text)}`);
      }),
      { numRuns: runs(4) },
    );
  });
  it('a slow answer is not cut by the request timeout', async () => {
    const slow = await startSimulator({
      scenario: 'external-auth',
      keys: await sharedKeys(),
      requestTimeoutMs: 100,
      faults: [{ operation: 'getWorkspaceAgentExternalAuth', delayMs: 1000 }],
    });
    try {
      const r = await fetch(`${slow.origin}/api/v2/workspaceagents/me/external-auth?id=github&match=`, { headers: { 'Coder-Session-Token': TOKEN } });
      expect(r.status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});

describe('the journal of hostile traffic', () => {
  it('binary bodies and raw header bytes are journaled as UTF-8 text and written as JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ minLength: 1, maxLength: 30 }), async (b, hv) => {
        sim.journal.clear();
        // Header values: tab, space, visible ASCII and obs-text (0x80-0xff, not UTF-8 as a rule); the
        // parser refuses other control bytes with a 400 of its own before any listener sees them.
        const value =
          Buffer.from(hv.map((c) => (c === 0x09 || c >= 0x20 ? (c === 0x7f ? 0x41 : c) : 0x41)))
            .toString('latin1')
            .trim() || 'x';
        const head = enc(
          `POST /api/v2/workspaceagents/aws-instance-identity HTTP/1.1\r\nHost: x\r\nX-Raw: ${value}\r\nContent-Length: ${b.length}\r\nConnection: close\r\n\r\n`,
        );
        const got = await exchange(Buffer.concat([head, Buffer.from(b)]));
        const e = sim.journal.entries;
        if (got.statuses.length !== 1 || e.length !== 1) return false;
        const raw = e[0].headers.find(([k]) => k === 'X-Raw');
        return (
          e[0].body === utf8DecodeLossy(b) &&
          raw !== undefined &&
          raw[1] === journalHeaderPairs([['X-Raw', value]])[0][1] &&
          e[0].response.status === got.statuses[0]
        );
      }),
      { numRuns: runs(60) },
    );
    const file = join(dir, 'journal.json');
    await sim.journal.write(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(sim.journal.toJSON());
  });
});
