// `npm run bench`: runs every bench/*.bench.mjs in name order. Each prints its own ratios.
// Speed is measured here, never asserted in tests.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
for (const f of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort()) {
  if (only && !f.includes(only)) continue;
  console.log(`\n== ${f}`);
  await import(pathToFileURL(join(dir, f)).href);
}
