// Which src/go code `npm run mutation` mutates: the top-level statements of src/go that esbuild keeps
// when it bundles the reference's run() (src/cli/run.ts), i.e. the Go semantics the CLI can execute.
// A statement esbuild drops (a function no CLI code calls, such as most of utf8.ts's helpers) cannot
// change what the CLI does, so its mutants would only dilute the score. esbuild shakes trees at the
// granularity of top-level statements; its source map says which source lines the bundle came from, and
// a statement counts as kept when one of its lines is mapped. Each kept statement becomes a Stryker
// range `file:first-last` (Stryker takes the union of a file's ranges). Not mutated at all: the
// generated Unicode tables (data, checked against @unicode/unicode-15.0.0 by src/go/unicode.test.ts).
import { dirname, relative, resolve } from 'node:path';
import { decode } from '@jridgewell/sourcemap-codec';
import { buildSync } from 'esbuild';
import ts from 'typescript';

const EXCLUDED = new Set(['src/go/unicode-tables.ts']);

/** Repo-relative source path -> the set of its 1-based lines that the run() bundle maps back to. */
export function bundledLines(root = process.cwd()) {
  const out = resolve(root, 'node_modules/.cache/mutation-scope');
  const result = buildSync({
    absWorkingDir: root,
    entryPoints: { 'coder-run': 'src/cli/run.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: true,
    outdir: out,
    outExtension: { '.js': '.mjs' },
    sourcemap: 'external',
    write: false,
    logLevel: 'silent',
  });
  const lines = new Map();
  for (const file of result.outputFiles) {
    if (!file.path.endsWith('.map')) continue;
    const map = JSON.parse(file.text);
    const sources = map.sources.map((s) => relative(root, resolve(dirname(file.path), s)).split('\\').join('/'));
    for (const line of decode(map.mappings)) {
      for (const seg of line) {
        if (seg.length < 4) continue;
        const src = sources[seg[1]];
        if (!lines.has(src)) lines.set(src, new Set());
        lines.get(src).add(seg[2] + 1);
      }
    }
  }
  return lines;
}

/** The top-level statements of a TypeScript source, as 1-based inclusive line spans (comments excluded). */
export function topLevelSpans(text, fileName = 'x.ts') {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return sf.statements.map((s) => ({
    first: sf.getLineAndCharacterOfPosition(s.getStart(sf)).line + 1,
    last: sf.getLineAndCharacterOfPosition(s.getEnd()).line + 1,
  }));
}

/** Stryker `mutate` ranges (`src/go/x.ts:12-40`) for the kept top-level statements of src/go. */
export function goMutateRanges(root = process.cwd(), readText) {
  const lines = bundledLines(root);
  const ranges = [];
  for (const [file, used] of [...lines].sort(([a], [b]) => a.localeCompare(b))) {
    if (!file.startsWith('src/go/') || EXCLUDED.has(file)) continue;
    for (const { first, last } of topLevelSpans(readText(resolve(root, file)), file)) {
      let kept = false;
      for (let l = first; l <= last && !kept; l++) kept = used.has(l);
      if (kept) ranges.push(`${file}:${first}-${last}`);
    }
  }
  return ranges;
}
