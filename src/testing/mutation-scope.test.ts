// mutation/scope.mjs: the src/go code `npm run mutation` mutates is the top-level statements esbuild keeps
// in the reference's run() bundle.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goMutateRanges, topLevelSpans } from '../../mutation/scope.mjs';

describe('mutation scope', () => {
  it('splits a source into its top-level statements, leading comments excluded', () => {
    const text = '// a comment\nexport function f() {\n  return 1;\n}\n\n/** doc */\nconst x = 2;\n';
    expect(topLevelSpans(text)).toEqual([
      { first: 2, last: 4 },
      { first: 7, last: 7 },
    ]);
  });

  it('keeps what run() calls and drops what only the simulator calls', () => {
    const ranges = goMutateRanges(process.cwd(), (f) => readFileSync(f, 'utf8'));
    const at = (file: string, needle: string) => {
      const line =
        readFileSync(file, 'utf8')
          .split('\n')
          .findIndex((l) => l.includes(needle)) + 1;
      expect(line, `${needle} in ${file}`).toBeGreaterThan(0);
      return ranges.some((r) => {
        const [f, span] = r.split(':');
        const [a, b] = span.split('-').map(Number);
        return f === file && a <= line && line <= b;
      });
    };
    expect(at('src/go/strings.ts', 'export function trimSpace')).toBe(true);
    // The CLI decodes JSON with the struct decoder; jsonDecode and pathEscape serve the simulator and tests.
    expect(at('src/go/json/decode.ts', 'export function jsonDecode(')).toBe(false);
    expect(at('src/go/url/escape.ts', 'export function pathEscape(')).toBe(false);
    expect(ranges.some((r) => r.startsWith('src/go/unicode-tables.ts:'))).toBe(false);
    expect(ranges.some((r) => r.startsWith('src/cli/'))).toBe(false);
  });
});
