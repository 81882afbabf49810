// Runs one TypeScript entry of src/contracts under plain Node 20 (no type stripping there):
// bundles it with esbuild (npm packages stay external) into node_modules/.cache and imports it.
// Usage: node src/contracts/tsrun.mjs src/contracts/publish-main.ts
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Modules locate files from import.meta.url: give each bundled .ts module its own source URL.
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const src = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: src.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

const entry = process.argv[2];
if (!entry || !entry.endsWith('.ts')) {
  process.stderr.write('usage: node src/contracts/tsrun.mjs <entry.ts>\n');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = path.join(root, 'node_modules', '.cache', 'contracts', `${path.basename(entry, '.ts')}.mjs`);
await build({
  entryPoints: [path.resolve(entry)],
  outfile,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  plugins: [keepModuleUrls],
});
process.argv.splice(2, 1);
await import(pathToFileURL(outfile).href);
