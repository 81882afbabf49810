// Enforces docs/architecture.md's "may import" table (the table is read from the document, so the
// document and the rule cannot drift): an import from src/<a>/ into src/<b>/ needs `src/<b>` in the row
// of `src/<a>/`, and goes through src/<b>/index.ts (src/cli: the agent SDK's index; src/generated: any
// file). Tests may also import src/testing/. A folder without a row fails: add the row first.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');

/** Folder → the folders it may import, from the markdown table of docs/architecture.md. */
function mayImportTable(): Map<string, Set<string>> {
  const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const table = new Map<string, Set<string>>();
  for (const line of doc.split('\n')) {
    const m = /^\| `src\/([a-z-]+)\/` \|.*\| ([^|]*) \|$/.exec(line);
    if (!m) continue;
    table.set(m[1], new Set([...m[2].matchAll(/`src\/([a-z-]+)`/g)].map((x) => x[1])));
  }
  return table;
}

/** Entry point(s) of a folder for importers from other folders. */
function isEntry(folder: string, targetRel: string): boolean {
  if (folder === 'generated' || folder === 'testing') return true;
  if (folder === 'cli') return targetRel === 'cli/agentsdk/index.ts';
  return targetRel === `${folder}/index.ts`;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|mts|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** Every module specifier of a file: static imports and re-exports, side-effect imports, import(). */
function specifiers(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** Why importing src/<target> from src/<from> breaks the rules, or undefined when it is fine (paths relative to src/). */
function checkImport(table: Map<string, Set<string>>, from: string, target: string): string | undefined {
  const folder = from.split('/')[0];
  const to = target.split('/')[0];
  if (to === folder) return undefined;
  if (to === 'testing' && /\.test\.ts$/.test(from)) return undefined;
  if (!table.get(folder)?.has(to)) return `src/${from} imports src/${target}: src/${folder}/ may not import src/${to}`;
  if (!isEntry(to, target)) return `src/${from} imports src/${target}: go through src/${to}'s index.ts`;
  return undefined;
}

function violations(table: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  for (const file of sources(src)) {
    const rel = relative(src, file).split(sep).join('/');
    const folder = rel.split('/')[0];
    if (!rel.includes('/')) continue; // files directly under src/ (this test)
    if (folder === 'generated') continue;
    const allowed = table.get(folder);
    if (!allowed) {
      out.push(`src/${folder}/ has no row in docs/architecture.md's "may import" table`);
      continue;
    }
    for (const spec of specifiers(file)) {
      if (!spec.startsWith('.')) continue;
      const target = relative(src, resolve(dirname(file), spec))
        .split(sep)
        .join('/');
      if (target.startsWith('..')) continue; // outside src/ (scripts, the package root)
      const problem = checkImport(table, rel, target);
      if (problem) out.push(problem);
    }
  }
  return [...new Set(out)];
}

describe('module boundaries (docs/architecture.md)', () => {
  const table = mayImportTable();
  it('reads a row for every folder of src/', () => {
    expect([...table.keys()].sort()).toEqual(expect.arrayContaining(['cli', 'contracts', 'go', 'openapi', 'revisions', 'runner', 'sim']));
  });
  it('every cross-folder import is allowed by the table and goes through the index', () => {
    expect(violations(table)).toEqual([]);
  });
  it('catches a forbidden import and an index bypass (the check itself can fail)', () => {
    const strict = new Map(table);
    strict.set('runner', new Set(['openapi', 'go', 'revisions']));
    expect(violations(strict).some((v) => v.includes('src/runner/ may not import src/sim'))).toBe(true);
    expect(checkImport(table, 'runner/simulator.ts', 'sim/cloud/index.ts')).toBe(
      "src/runner/simulator.ts imports src/sim/cloud/index.ts: go through src/sim's index.ts",
    );
    expect(checkImport(table, 'go/x.ts', 'sim/index.ts')).toMatch(/src\/go\/ may not import src\/sim$/);
    expect(checkImport(table, 'sim/x.test.ts', 'testing/properties.ts')).toBeUndefined();
    expect(checkImport(table, 'sim/x.ts', 'testing/properties.ts')).toMatch(/may not import src\/testing$/);
    expect(checkImport(table, 'contracts/x.ts', 'cli/agentsdk/index.ts')).toBeUndefined();
  });
});
