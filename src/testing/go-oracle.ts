// The Go oracle client for differential tests: one `oracles/go` process per test file, fed requests in
// batches over JSON lines (see oracles/go/main.go for the operations). The binary is built once per test
// run by the vitest global setup (scripts/go-oracle.mjs), which sets GO_ORACLE_BIN, or GO_ORACLE_SKIP
// when Go is not installed outside CI.
//
// `differential(...)` is the property runner: it draws `runs(n)` values with the run's fast-check seed,
// asks the oracle about all of them in one batch, and compares. On a mismatch it replays the same seed
// through `fc.assert` (one oracle round trip per case) so fast-check shrinks it and prints a minimal
// counterexample; if that replay somehow passes, the first batch mismatch is reported as is.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, describe } from 'vitest';
import { propertySettings, runs } from './properties.ts';

export interface OracleRequest {
  op: string;
  a?: string | Uint8Array;
  b?: string | Uint8Array;
  flag?: boolean;
  shape?: string;
}

export type OracleAnswer = Record<string, unknown>;

const enc = new TextEncoder();
const b64 = (v: string | Uint8Array | undefined) => (v === undefined ? undefined : Buffer.from(typeof v === 'string' ? enc.encode(v) : v).toString('base64'));

/** A base64 field of an answer as bytes (`[]byte` in Go; null is empty). */
export function bytesOf(v: unknown): Buffer {
  if (v === null || v === undefined) return Buffer.alloc(0);
  if (typeof v !== 'string') throw new Error(`oracle answer field is not base64 text: ${JSON.stringify(v)}`);
  return Buffer.from(v, 'base64');
}

/** The UTF-8 bytes of a JS string (lone surrogates become U+FFFD, as in a Go string). */
export const utf8 = (s: string): Buffer => Buffer.from(enc.encode(s));

export class GoOracle {
  private child: ChildProcessWithoutNullStreams;
  private buffered = '';
  private waiting: { n: number; got: OracleAnswer[]; resolve: (a: OracleAnswer[]) => void; reject: (e: Error) => void }[] = [];
  private stderr = '';
  private exited: Error | undefined;

  constructor(bin: string, env: Record<string, string> = {}) {
    this.child = spawn(bin, [], { env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (d: string) => this.onData(d));
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child.on('exit', (code, signal) => {
      this.exited = new Error(`Go oracle exited (${code ?? signal})${this.stderr ? `: ${this.stderr}` : ''}`);
      for (const w of this.waiting.splice(0)) w.reject(this.exited);
    });
    this.child.stdin.on('error', () => {}); // reported through 'exit'
  }

  private onData(d: string): void {
    this.buffered += d;
    let nl: number;
    while ((nl = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, nl);
      this.buffered = this.buffered.slice(nl + 1);
      const w = this.waiting[0];
      if (!w) throw new Error(`Go oracle answered unasked: ${line}`);
      const ans = JSON.parse(line) as OracleAnswer;
      if (typeof ans.fatal === 'string') {
        this.waiting.shift();
        w.reject(new Error(`Go oracle: ${ans.fatal}`));
        continue;
      }
      w.got.push(ans);
      if (w.got.length === w.n) {
        this.waiting.shift();
        w.resolve(w.got);
      }
    }
  }

  /** Asks every request in one batch; answers come back in order. */
  ask(reqs: OracleRequest[]): Promise<OracleAnswer[]> {
    if (this.exited) return Promise.reject(this.exited);
    if (reqs.length === 0) return Promise.resolve([]);
    const lines = reqs.map((r) => JSON.stringify({ op: r.op, a: b64(r.a), b: b64(r.b), flag: r.flag ?? false, shape: r.shape ?? '' })).join('\n') + '\n';
    return new Promise((resolve, reject) => {
      this.waiting.push({ n: reqs.length, got: [], resolve, reject });
      this.child.stdin.write(lines);
    });
  }

  async ask1(req: OracleRequest): Promise<OracleAnswer> {
    return (await this.ask([req]))[0];
  }

  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.stdin.end();
    });
  }
}

/** Why the oracle is unavailable (Go not installed outside CI), or undefined when it can run. */
export function oracleSkipReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GO_ORACLE_BIN) return undefined;
  if (env.GO_ORACLE_SKIP) {
    if (env.CI) throw new Error(`the Go oracle must run in CI: ${env.GO_ORACLE_SKIP}`);
    return env.GO_ORACLE_SKIP;
  }
  throw new Error('GO_ORACLE_BIN is not set: run the tests through vitest (its global setup builds the oracle)');
}

/**
 * `describe` for a differential test file: skipped with a visible message when Go is not installed
 * (never in CI). The body receives a getter for the file's one oracle process.
 */
export function describeWithGo(name: string, body: (oracle: () => GoOracle, godebug: (env: string) => GoOracle) => void): void {
  const skip = oracleSkipReason();
  if (skip !== undefined) {
    describe.skip(`${name} [SKIPPED: ${skip}]`, () =>
      body(
        () => undefined as never,
        () => undefined as never,
      ));
    return;
  }
  const procs = new Map<string, GoOracle>();
  const get = (godebug = ''): GoOracle => {
    let p = procs.get(godebug);
    if (!p) {
      p = new GoOracle(process.env.GO_ORACLE_BIN as string, godebug ? { GODEBUG: godebug } : {});
      procs.set(godebug, p);
    }
    return p;
  };
  describe(name, () => {
    body(
      () => get(),
      (env) => get(env),
    );
    afterAll(async () => {
      await Promise.all([...procs.values()].map((p) => p.close()));
    });
  });
}

export interface DifferentialOptions<T> {
  oracle: GoOracle;
  arb: fc.Arbitrary<T>;
  /** Cases per run before the fuzz factor (`runs(n)`). */
  n: number;
  request: (value: T) => OracleRequest;
  /** Throws (e.g. with expect) when ours and Go's answer disagree. */
  check: (value: T, answer: OracleAnswer) => void;
  /** Values that are always tried first (regressions, edge cases). */
  examples?: T[];
}

/** Batch differential run with shrinking on failure (see the file comment). Returns the number of cases. */
export async function differential<T>(o: DifferentialOptions<T>): Promise<number> {
  const { seed } = propertySettings();
  const numRuns = runs(o.n);
  const values = [...(o.examples ?? []), ...fc.sample(o.arb, { seed, numRuns })];
  const answers = await o.oracle.ask(values.map(o.request));
  const failures: { value: T; error: unknown }[] = [];
  for (let i = 0; i < values.length; i++) {
    try {
      o.check(values[i], answers[i]);
    } catch (error) {
      failures.push({ value: values[i], error });
    }
  }
  if (failures.length === 0) return values.length;
  const summary =
    `${failures.length} of ${values.length} cases disagree with Go; the first ones (unshrunk):\n` +
    failures
      .slice(0, 8)
      .map((f) => `  ${visible(f.value)}: ${(f.error instanceof Error ? f.error.message : String(f.error)).split('\n')[0]}`)
      .join('\n');
  // Replay the generated cases through fast-check (same seed, so the same values in the same order, up to
  // the first failure) so that it shrinks the failure and prints a minimal counterexample.
  const generatedFailure = failures.find((f) => !(o.examples ?? []).includes(f.value));
  try {
    if (generatedFailure) {
      await fc.assert(
        fc.asyncProperty(o.arb, async (v) => {
          o.check(v, await o.oracle.ask1(o.request(v)));
        }),
        { seed, numRuns },
      );
    }
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n\n${summary}`, { cause: e });
  }
  throw new Error(summary, { cause: failures[0].error });
}

/** Bytes as text when they are valid UTF-8, else as `hex:…` (so a comparison never hides a byte). */
export function showBytes(b: Uint8Array): string {
  const buf = Buffer.from(b);
  const s = buf.toString('utf8');
  return Buffer.from(s, 'utf8').equals(buf) ? s : `hex:${buf.toString('hex')}`;
}

/** JSON text of a value with invisible characters escaped (DEL, C1 controls, format and separator characters). */
export function visible(v: unknown): string {
  return escapeInvisible(JSON.stringify(v) ?? String(v));
}

function escapeInvisible(s: string): string {
  return s.replace(
    /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}

/** Throws a one-line disagreement (ours vs Go, both in full) unless the two agree exactly. */
export function agree(label: string, ours: unknown, go: unknown): void {
  const a = visible(ours);
  const b = visible(go);
  if (a !== b) throw new Error(`${escapeInvisible(label)}: ours ${a} ≠ Go ${b}`);
}
