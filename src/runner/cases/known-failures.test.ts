// Known-failures files: parsing errors, applying to results, expiry, and the generated file.
import { describe, expect, it } from 'vitest';
import { applyKnownFailures, formatKnownFailures, parseKnownFailures } from './known-failures.ts';
import type { CaseResult } from '../types.ts';

const result = (id: string, pass: boolean): CaseResult => ({
  id,
  title: id,
  level: 'core',
  file: '/x',
  outcome: pass ? 'pass' : 'fail',
  journal: [],
  argv: [],
  durationMs: 0,
  verdict: { pass, failures: pass ? [] : [{ kind: 'exit', message: 'exit code 0, want 1' }], normalisations: [] },
});

describe('known failures', () => {
  it('parses entries and rejects bad ones with the field named', () => {
    expect(parseKnownFailures('known_failures:\n  - { id: a, reason: r, expires: "2026-12-31" }\n  - { id: b, reason: s }\n', 'kf.yaml')).toEqual([
      { id: 'a', reason: 'r', expires: '2026-12-31' },
      { id: 'b', reason: 's' },
    ]);
    expect(() => parseKnownFailures('known_failures:\n  - { id: a }\n', 'kf.yaml')).toThrow(
      'kf.yaml: known_failures[0] (a): field "reason" must be a non-empty string',
    );
    expect(() => parseKnownFailures('known_failures:\n  - { id: a, reason: r, expires: 31.12.2026 }\n', 'kf.yaml')).toThrow(
      'field "expires" must be a date YYYY-MM-DD',
    );
    expect(() => parseKnownFailures('known_failures:\n  - { id: a, reason: r, expires: "2026-02-30" }\n', 'kf.yaml')).toThrow(
      'kf.yaml: known_failures[0] (a): field "expires" must be a date YYYY-MM-DD (quote it), got "2026-02-30"',
    );
    expect(parseKnownFailures('known_failures:\n  - { id: a, reason: r, expires: "2028-02-29" }\n', 'kf.yaml')).toEqual([
      { id: 'a', reason: 'r', expires: '2028-02-29' },
    ]);
    expect(() => parseKnownFailures('known_failures:\n  - { id: zz, reason: r }\n', 'kf.yaml', new Set(['a']))).toThrow(
      'kf.yaml: known_failures[0]: no case has id "zz"',
    );
    expect(() => parseKnownFailures('failures: []\n', 'kf.yaml')).toThrow('kf.yaml: expected a mapping with a "known_failures" list');
    expect(() => parseKnownFailures('known_failures:\n  - { id: a, reason: r }\n  - { id: a, reason: r }\n', 'kf.yaml')).toThrow('duplicate id "a"');
  });
  it('marks known failures, unexpected passes and expired entries', () => {
    const results = [result('a', false), result('b', true), result('c', false)];
    const expired = applyKnownFailures(
      results,
      [
        { id: 'a', reason: 'bug 1', expires: '2026-01-01' },
        { id: 'b', reason: 'bug 2' },
      ],
      '2026-01-02',
    );
    expect(results.map((r) => r.outcome)).toEqual(['known-failure', 'unexpected-pass', 'fail']);
    expect(expired.map((e) => e.id)).toEqual(['a']);
    expect(applyKnownFailures([result('a', false)], [{ id: 'a', reason: 'r', expires: '2026-01-02' }], '2026-01-02')).toEqual([]);
  });
  it('writes a ready file for the current failures that parses back', () => {
    const text = formatKnownFailures([result('a', false), result('b', true)]);
    expect(text).toBe(
      '# Known failures for coder-conformance (--expect-failures FILE).\n# Add "expires: YYYY-MM-DD" to make an entry fail the run after that day.\nknown_failures:\n  - id: a\n    reason: "exit: exit code 0, want 1"\n',
    );
    expect(parseKnownFailures(text, 'generated')).toEqual([{ id: 'a', reason: 'exit: exit code 0, want 1' }]);
  });
});

describe('the example known-failures file', () => {
  it('parses and names existing cases', async () => {
    const { readKnownFailures } = await import('./known-failures.ts');
    const { loadCases } = await import('./load-cases.ts');
    const { packageRoot } = await import('../root.ts');
    const ids = new Set(loadCases().map((c) => c.id));
    expect(readKnownFailures(`${packageRoot()}/conformance/known-failures.example.yaml`, ids).map((e) => e.id)).toEqual([
      'token/github-wire',
      'coderd-errors/502-html',
    ]);
  });
});
