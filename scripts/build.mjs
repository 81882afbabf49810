// Bundles with esbuild: the two executables (`npm run build`), and TypeScript entries that plain
// Node 20 cannot run (bundleTs: the Pact scripts, the bench's bare runner).
// - bin/coder: the reference CLI, bundled whole (no runtime dependencies) into one CommonJS file that
//   loads node's built-in modules only when used (fast cold start, bench/cold-start.bench.mjs), with the
//   V8 code cache that bin/coder compiles it with (scripts/code-cache.mjs).
// - bin/coder-conformance: the runner with its npm dependencies bundled in (one file loads faster);
//   bundleTs outputs keep npm dependencies external.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';
import { withToken } from './code-cache.mjs';

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' };

/**
 * Modules find repo files (openapi.yaml, fixtures/) from import.meta.url: keep each bundled source
 * module's own location. With `relativeTo`, the location is written relative to the output folder
 * (so a built dist/ keeps working when the checkout moves); otherwise as an absolute file URL.
 */
function keepModuleUrls(relativeTo) {
  return {
    name: 'keep-module-urls',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => {
        const src = await readFile(file, 'utf8');
        const url = relativeTo
          ? `new URL(${JSON.stringify(relative(relativeTo, file).split('\\').join('/'))}, import.meta.url).href`
          : JSON.stringify(pathToFileURL(file).href);
        return { contents: src.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

const dist = fileURLToPath(new URL('../dist', import.meta.url));

/**
 * openapi.yaml parsed now, for the runner's bundle (`__PARSED_CONTRACT__` in src/openapi/contract.ts,
 * which uses it only while the file's SHA-256 is the one given here; the hash is of the same UTF-8 text).
 */
export function contractDefine(file = fileURLToPath(new URL('../openapi.yaml', import.meta.url))) {
  const text = readFileSync(file, 'utf8');
  return { __PARSED_CONTRACT__: JSON.stringify({ sha256: createHash('sha256').update(text).digest('hex'), document: parse(text) }) };
}

const entries = [
  // One CommonJS file: Node's ES module loader costs more per start than compiling the whole bundle.
  // `supported`: import() of a built-in module becomes a require() (else it starts the ES module loader after all;
  // and bin/coder compiles the bundle as a vm.Script, in which an import() has no loader to call).
  {
    entryPoints: { coder: 'src/cli/main.ts' },
    outdir: 'dist',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    supported: { 'dynamic-import': false },
  },
  // The reference's run() as a module, for the runner's --in-process mode (src/runner/exec/in-process.ts).
  {
    entryPoints: { 'coder-run': 'src/cli/run.ts' },
    outdir: 'dist',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/run-[hash]',
  },
  // The runner with its npm dependencies bundled in: one file to load instead of hundreds of modules
  // resolved in node_modules (start-up 0.5 s -> 0.3 s; bench/overhead.bench.mjs). CommonJS dependencies
  // get a `require` of their own.
  {
    entryPoints: ['src/runner/command/main.ts'],
    outfile: 'dist/coder-conformance.mjs',
    plugins: [keepModuleUrls(dist)],
    define: contractDefine(),
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  },
  // The runner's spawn helper (src/runner/exec/spawner.ts): small, so that forking from it is cheap.
  {
    entryPoints: { spawner: 'src/runner/exec/spawner-main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  },
  // The judging side of `npm run mutation` (mutation/harness.ts): runner, simulator and src/go in one
  // file, a copy Stryker never mutates.
  {
    entryPoints: { 'mutation-harness': 'mutation/harness.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    plugins: [keepModuleUrls(dist)],
    define: contractDefine(),
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  },
];

/**
 * dist/coder.cjs gets its code-cache token line, then dist/coder.cjs.cache is made from it in a child
 * process (scripts/code-cache.mjs; bin/coder uses it). Without a cache bin/coder still works, only slower:
 * a failure is reported and the build goes on.
 */
async function codeCache() {
  const bundle = `${dist}/coder.cjs`;
  rmSync(`${bundle}.cache`, { force: true });
  await writeFile(bundle, withToken(await readFile(bundle, 'utf8')));
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, [fileURLToPath(new URL('code-cache.mjs', import.meta.url)), bundle], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((r) => child.on('close', r));
  if (code !== 0) process.stderr.write(`build: no code cache for dist/coder.cjs (bin/coder starts slower): ${stderr.trim() || `exit ${code}`}\n`);
}

/** Builds dist/ (also vitest's global setup, so tests never run a stale bundle). */
export async function buildAll() {
  // Chunk names carry a hash of their content: without this, every build with a change left its old chunks
  // behind, and `npm pack` (files: dist/) shipped them all.
  rmSync(`${dist}/chunks`, { recursive: true, force: true });
  await Promise.all(entries.map((e) => build({ ...common, ...e })));
  await codeCache();
}

/** Bundles one TypeScript entry (npm packages external) to `outfile`, for `import()`. */
export async function bundleTs(entry, outfile) {
  await build({ ...common, entryPoints: [entry], outfile, packages: 'external', plugins: [keepModuleUrls()] });
}

// Run directly (`node scripts/build.mjs`, npm's build/prepare scripts): build now.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildAll();
