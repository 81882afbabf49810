// Locates the package root (the folder holding this project's package.json), both from the
// TypeScript sources (vitest) and from the bundle in dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'coder-agent-conformance';

export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package root above ${from}`);
    dir = up;
  }
}

export const paths = {
  casesDir: () => join(packageRoot(), 'conformance', 'cases'),
  schema: () => join(packageRoot(), 'conformance', 'case.schema.json'),
  referenceBin: () => join(packageRoot(), 'bin', 'coder'),
};
