// Coverage from journals (exact, ranged and default status keys; undeclared statuses), the
// placeholder substitution and the pool's ordering and bound.
import { describe, expect, it } from 'vitest';
import { computeCoverage } from './coverage.ts';
import { substitute, substituteDeep } from '../exec/placeholders.ts';
import { runPool } from '../exec/pool.ts';
import type { CaseResult, WireEntry } from '../types.ts';

const entry = (operationId: string, status: number): WireEntry => ({
  seq: 1,
  time: '',
  durationMs: 0,
  service: 'coderd',
  operationId,
  method: 'GET',
  url: 'http://x/',
  path: '/',
  query: '',
  headers: [],
  body: '',
  response: { status, headers: [], body: '' },
  violations: [],
  proxied: false,
});
const result = (journal: WireEntry[]): CaseResult => ({ id: 'x', title: 'x', level: 'core', file: '/x', outcome: 'pass', journal, argv: [], durationMs: 0 });

describe('computeCoverage', () => {
  it('maps statuses to declared keys and lists what was never reached', () => {
    const cov = computeCoverage(
      [
        { operationId: 'a', statuses: ['200', '4XX', 'default'] },
        { operationId: 'b', statuses: ['200', '404'] },
        { operationId: 'c', statuses: ['200'] },
      ],
      [result([entry('a', 200), entry('a', 418), entry('a', 503), entry('b', 500), entry('zz', 200)])],
      [],
    );
    expect(cov.operations).toEqual([
      { operationId: 'a', requests: 3, exercised: ['200', '4XX', 'default'], missing: [], undeclared: [] },
      { operationId: 'b', requests: 1, exercised: [], missing: ['200', '404'], undeclared: [500] },
      { operationId: 'c', requests: 0, exercised: [], missing: ['200'], undeclared: [] },
    ]);
    expect([cov.unreached, cov.unknownOperations, cov.statusesExercised, cov.statusesDeclared]).toEqual([['c'], ['zz'], 3, 6]);
  });
});

describe('placeholders', () => {
  it('replaces only the known names', () => {
    const v = { origin: 'http://127.0.0.1:1', port: '1', tls_origin: 'https://127.0.0.1:2', tls_port: '2', ca_file: '/t/ca', token_file: '/t/f', home: '/t' };
    expect(substitute('{origin}/x {"a":{home}} {other} {token_file} 0.0.0.0:{port}', v)).toBe('http://127.0.0.1:1/x {"a":/t} {other} /t/f 0.0.0.0:1');
    expect(substitute('{tls_origin} 0.0.0.0:{tls_port} {ca_file}', v)).toBe('https://127.0.0.1:2 0.0.0.0:2 /t/ca');
    expect(substituteDeep({ k: ['{home}', null, 1], '{home}': '{origin}' }, v)).toEqual({ k: ['/t', null, 1], '/t': 'http://127.0.0.1:1' });
  });
});

describe('runPool', () => {
  it('keeps input order, bounds parallelism, stops starting jobs after abort', async () => {
    let running = 0;
    let peak = 0;
    const out = await runPool([30, 5, 20, 1, 10], 2, async (ms, i) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return i * 10;
    });
    expect([out, peak]).toEqual([[0, 10, 20, 30, 40], 2]);
    const ac = new AbortController();
    const partial = await runPool(
      [1, 2, 3],
      1,
      async (x) => {
        if (x === 2) ac.abort();
        return x;
      },
      ac.signal,
    );
    expect(partial).toEqual([1, 2, undefined]);
  });
});
