// Bundles the executables with esbuild.
// The reference CLI (bin/coder) is bundled whole: no runtime dependencies, fast cold start.
// The conformance tool (bin/coder-conformance) keeps its npm dependencies external.
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' };

const entries = [
  // Code splitting: what only the command handler needs is a chunk loaded on first use.
  { entryPoints: { coder: 'src/cli/main.ts' }, outdir: 'dist', splitting: true, outExtension: { '.js': '.mjs' }, chunkNames: 'chunks/coder-[hash]' },
  {
    entryPoints: ['src/runner/main.ts'],
    outfile: 'dist/coder-conformance.mjs',
    packages: 'external',
    // Modules find repo files (openapi.yaml, fixtures/) from import.meta.url: keep each bundled
    // source module's own location, relative to dist/ so the checkout can move.
    plugins: [{
      name: 'source-import-meta-url',
      setup(b) {
        b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path: file }) => {
          const { readFile } = await import('node:fs/promises');
          const { relative } = await import('node:path');
          const { fileURLToPath } = await import('node:url');
          const dist = fileURLToPath(new URL('../dist', import.meta.url));
          const rel = relative(dist, file).split('\\').join('/');
          const src = await readFile(file, 'utf8');
          return { contents: src.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
        });
      },
    }],
  },
];

/** Builds dist/ (also vitest's global setup, so tests never run a stale bundle). */
export async function buildAll() {
  await Promise.all(entries.map((e) => build({ ...common, ...e })));
}

// Run directly (`node scripts/build.mjs`, npm's build/prepare scripts): build now.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildAll();

