// vitest.config.ts runs test files with `isolate: false`: the files a worker runs share its module
// cache (issue 13: a third of npm test's time was re-importing the same modules per file). That is
// only sound while no test file changes what another one would import or see: no module mocks, no
// stubbed globals or environment, no fake timers, no spies left on shared objects. This test fails
// when a test file starts doing one of those; isolate that file's effect another way (a parameter, a
// local fake) or move it to a vitest project of its own with `isolate: true`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');

/** The calls that leak from one test file into the next in a shared worker. */
const LEAKY = /\bvi\s*\.\s*(mock|doMock|hoisted|stubGlobal|stubEnv|useFakeTimers|spyOn|mocked|resetModules)\s*\(/g;

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function leakyCalls(text: string): string[] {
  return [...text.matchAll(LEAKY)].map((m) => `vi.${m[1]}`);
}

describe('test files can share a worker (vitest isolate: false)', () => {
  it('vitest.config.ts shares workers, and no test file mocks, stubs or spies', () => {
    expect(readFileSync(join(root, 'vitest.config.ts'), 'utf8')).toMatch(/^\s*isolate: false,$/m);
    const found = testFiles(join(root, 'src'))
      .filter((f) => f !== new URL(import.meta.url).pathname) // its own samples below
      .map((f) => [relative(root, f), leakyCalls(readFileSync(f, 'utf8'))] as const)
      .filter(([, calls]) => calls.length > 0);
    expect(found).toEqual([]);
  });

  it('the check finds such calls (it can fail)', () => {
    const sample = ['vi.mock("x")', 'vi .stubEnv("A", "b")', 'vi.useFakeTimers()', 'vi.spyOn(console, "log")', 'vi.fn()'].join('\n');
    expect(leakyCalls(sample)).toEqual(['vi.mock', 'vi.stubEnv', 'vi.useFakeTimers', 'vi.spyOn']);
  });
});
