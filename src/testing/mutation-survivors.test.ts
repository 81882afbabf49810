// scripts/mutation-survivors.mjs (`npm run mutation:survivors`): survivors matched to their written
// reasons, and mutation/survivors.yaml well-formed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lineMap, loadEntries, matchSurvivors, overlayReport, scores, staleFiles } from '../../scripts/mutation-survivors.mjs';

const report = {
  files: {
    'src/a.ts': {
      source: 'const a = 1;\nif (x) y();\n',
      mutants: [
        { mutatorName: 'ConditionalExpression', replacement: 'true', status: 'Survived', location: { start: { line: 2, column: 4 } } },
        { mutatorName: 'BlockStatement', replacement: '{}', status: 'NoCoverage', location: { start: { line: 2, column: 7 } } },
        { mutatorName: 'NumericLiteral', replacement: '0', status: 'Killed', location: { start: { line: 1, column: 10 } } },
        { mutatorName: 'NumericLiteral', replacement: '2', status: 'Timeout', location: { start: { line: 1, column: 10 } } },
      ],
    },
  },
};

describe('mutation survivors', () => {
  it('an entry explains the survivors of its line, limited to its mutators; killed mutants are not survivors', () => {
    const entries = loadEntries('survivors:\n  - { file: src/a.ts, line: "if (x)", mutators: [ConditionalExpression], kind: equivalent, reason: r }\n', 'test');
    const out = matchSurvivors(report, entries);
    expect(out.map((s) => [s.line, s.mutant.mutatorName, s.entry?.kind])).toEqual([
      [2, 'ConditionalExpression', 'equivalent'],
      [2, 'BlockStatement', undefined],
    ]);
    expect(entries[0].used).toBe(1);
  });
  it('scores count killed and timed-out mutants as detected, survived and uncovered as not', () => {
    expect(scores(report)).toEqual([{ file: 'src/a.ts', mutants: 4, detected: 2, survived: 1, noCoverage: 1, ignored: 0, score: 50 }]);
  });
  it('a later report overlays the mutants it ran on the same source, and nothing of a changed file', () => {
    const base = structuredClone(report);
    const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 1 } });
    for (const [i, m] of base.files['src/a.ts'].mutants.entries()) Object.assign(m, { location: at(m.location.start.line, m.location.start.column + i) });
    const later = structuredClone(base);
    later.files['src/a.ts'].mutants = [{ ...later.files['src/a.ts'].mutants[0], status: 'Killed' }];
    expect(overlayReport(base, later)).toBe(1);
    expect(base.files['src/a.ts'].mutants.map((m) => m.status)).toEqual(['Killed', 'NoCoverage', 'Killed', 'Timeout']);
    const changed = structuredClone(later);
    changed.files['src/a.ts'].source += '// changed\n';
    changed.files['src/a.ts'].mutants[0].status = 'Survived';
    expect(overlayReport(base, changed)).toBe(0);
    expect(base.files['src/a.ts'].mutants[0].status).toBe('Killed');
  });
  it('a file run again on its current source replaces the older run; a kills-only overlay takes only kills', () => {
    const base = structuredClone(report);
    const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 1 } });
    for (const [i, m] of base.files['src/a.ts'].mutants.entries()) Object.assign(m, { location: at(m.location.start.line, m.location.start.column + i) });
    const now = 'const a = 2;\nif (x) y();\n';
    const rerun = { files: { 'src/a.ts': { source: now, mutants: [{ ...base.files['src/a.ts'].mutants[0], status: 'Survived' }] } } };
    const current = (file: string) => (file === 'src/a.ts' ? now : undefined);
    expect(staleFiles(base, current)).toEqual(['src/a.ts']);
    expect(overlayReport(structuredClone(base), rerun)).toBe(0); // without the working tree, a changed file is not taken
    const merged = structuredClone(base);
    expect(overlayReport(merged, rerun, { current })).toBe(1);
    expect(merged.files['src/a.ts']).toEqual(rerun.files['src/a.ts']);
    expect(staleFiles(merged, current)).toEqual([]);
    expect(overlayReport(merged, { files: { 'src/a.ts': { ...report.files['src/a.ts'] } } }, { current })).toBe(0); // older code
    const partial = structuredClone(base);
    const filtered = structuredClone(base);
    filtered.files['src/a.ts'].mutants = filtered.files['src/a.ts'].mutants.map((m) => ({ ...m, status: m.status === 'Survived' ? 'Killed' : 'Survived' }));
    expect(overlayReport(partial, filtered, { killsOnly: true })).toBe(1);
    expect(partial.files['src/a.ts'].mutants.map((m) => m.status)).toEqual(['Killed', 'NoCoverage', 'Killed', 'Timeout']);
  });
  it('a run of the changed lines keeps the older results of the unchanged lines, moved to where they are now', () => {
    const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 1 } });
    const older = 'const a = 1;\nif (x) y();\nz();\n';
    const now = '// new\nconst a = 2;\nif (x) y();\nz();\n';
    expect([...lineMap(older, now)]).toEqual([
      [2, 3],
      [3, 4],
    ]);
    const m = (line: number, column: number, status: string, mutatorName = 'ConditionalExpression') => ({
      mutatorName,
      replacement: 'true',
      status,
      location: at(line, column),
    });
    const base = { files: { 'src/a.ts': { source: older, mutants: [m(1, 10, 'Survived'), m(2, 4, 'Killed'), m(3, 0, 'Survived')] } } };
    // The rerun ran lines 2 (changed: `2` for `1`) and 4 again: line 4's older result gives way to the rerun's.
    const rerun = { files: { 'src/a.ts': { source: now, mutants: [m(2, 10, 'Killed'), m(4, 0, 'Killed')] } } };
    const current = (file: string) => (file === 'src/a.ts' ? now : undefined);
    const merged = structuredClone(base);
    expect(overlayReport(merged, rerun, { changedLines: true, current })).toBe(2);
    expect(merged.files['src/a.ts'].mutants.map((x) => [x.location.start.line, x.location.end.line, x.status])).toEqual([
      [3, 3, 'Killed'],
      [2, 2, 'Killed'],
      [4, 4, 'Killed'],
    ]);
    expect(staleFiles(merged, current)).toEqual([]);
    // Runs of the changed lines chain: one of an intermediate version, then one of the current source.
    const between = 'const a = 1;\nif (x) y();\nz();\nw();\n';
    const chained = structuredClone(base);
    overlayReport(chained, { files: { 'src/a.ts': { source: between, mutants: [m(4, 0, 'Survived')] } } }, { changedLines: true, current });
    overlayReport(chained, rerun, { changedLines: true, current });
    const afterBetween = structuredClone(base);
    overlayReport(afterBetween, { files: { 'src/a.ts': { source: between, mutants: [m(4, 0, 'Survived')] } } }, { changedLines: true, current });
    expect(afterBetween.files['src/a.ts'].mutants.map((x) => [x.location.start.line, x.status])).toEqual([
      [1, 'Survived'],
      [2, 'Killed'],
      [3, 'Survived'],
      [4, 'Survived'],
    ]);
    // The current source has no `w();` (its mutant goes) and reran `z();` (line 4 now).
    expect(chained.files['src/a.ts'].mutants.map((x) => [x.location.start.line, x.status])).toEqual([
      [3, 'Killed'],
      [2, 'Killed'],
      [4, 'Killed'],
    ]);
    // A file the report lacks is taken as it is, current or not (staleFiles names it when it is not).
    const fresh = { files: {} as typeof base.files };
    expect(overlayReport(fresh, base, { current })).toBe(3);
    expect(staleFiles(fresh, current)).toEqual(['src/a.ts']);
    // Without `changedLines` the rerun replaces the file: the older line-3 result is gone.
    const replaced = structuredClone(base);
    overlayReport(replaced, rerun, { current });
    expect(replaced.files['src/a.ts'].mutants).toHaveLength(2);
  });
  it('a malformed entry is refused with its position', () => {
    expect(() => loadEntries('survivors:\n  - { file: src/a.ts, line: x, kind: maybe, reason: r }\n', 'f.yaml')).toThrow(
      'f.yaml: survivors[0]: `kind` must be equivalent or unkillable, not "maybe"',
    );
  });
  it('mutation/survivors.yaml is well-formed: every entry has a file, a line, a kind and a reason', () => {
    const text = readFileSync(new URL('../../mutation/survivors.yaml', import.meta.url), 'utf8');
    for (const e of loadEntries(text, 'mutation/survivors.yaml'))
      expect(readFileSync(new URL(`../../${e.file}`, import.meta.url), 'utf8')).toContain(e.line ?? '');
  });
});
