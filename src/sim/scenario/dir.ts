// Locates fixtures/scenarios of this checkout (walking up from this module), or
// $CODER_CONFORMANCE_SCENARIOS when set.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function scenariosDir(): string {
  const fromEnv = process.env.CODER_CONFORMANCE_SCENARIOS;
  if (fromEnv) return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'fixtures', 'scenarios');
    if (existsSync(join(candidate, 'scenario.schema.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find fixtures/scenarios (set CODER_CONFORMANCE_SCENARIOS)');
    dir = parent;
  }
}
