// Runs one TypeScript entry of src/contracts under plain Node 20 (no type stripping there):
// bundles it with esbuild (npm packages stay external) into node_modules/.cache and imports it.
// Usage: node src/contracts/tsrun.mjs src/contracts/publish-main.ts
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleTs } from '../../scripts/build.mjs';

const entry = process.argv[2];
if (!entry || !entry.endsWith('.ts')) {
  process.stderr.write('usage: node src/contracts/tsrun.mjs <entry.ts>\n');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = path.join(root, 'node_modules', '.cache', 'contracts', `${path.basename(entry, '.ts')}.mjs`);
await bundleTs(path.resolve(entry), outfile);
process.argv.splice(2, 1);
await import(pathToFileURL(outfile).href);
