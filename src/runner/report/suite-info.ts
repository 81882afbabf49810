// Which suite judged a binary: the package version (from package.json) and a hash of the case set,
// recorded in every report so two reports can be compared only when they were judged by the same cases.
// The hash covers what a case means, not where it lives: for every loaded case in id order, its
// definition (without the absolute file path) and the bytes of its stdout golden. Copying the cases
// folder elsewhere keeps the hash; editing a case, a golden, or adding/removing a case changes it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenPath } from '../cases/load-cases.ts';
import { packageRoot } from '../root.ts';
import type { Case } from '../types.ts';

export interface SuiteInfo {
  /** npm package name. */
  name: string;
  /** npm package version of the suite that ran. */
  version: string;
  /** `sha256:<hex>` of the loaded case set (see above). */
  casesHash: string;
  /** Number of cases loaded (before selection). */
  cases: number;
}

let cachedVersion: { name: string; version: string } | undefined;

/** The suite's package name and version, from its package.json. */
export function suitePackage(): { name: string; version: string } {
  cachedVersion ??= (() => {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
    return { name: pkg.name, version: pkg.version };
  })();
  return cachedVersion;
}

/** Key order does not matter for the hash: objects are written with sorted keys. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function casesHash(cases: Case[]): string {
  const h = createHash('sha256');
  for (const c of [...cases].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const { file: _file, root: _root, ...definition } = c;
    h.update(canonical(definition)).update('\0');
    if (c.expect.stdout_golden) {
      const g = goldenPath(c);
      h.update(existsSync(g) ? readFileSync(g) : Buffer.from('(missing golden)')).update('\0');
    }
  }
  return `sha256:${h.digest('hex')}`;
}

export function suiteInfo(cases: Case[]): SuiteInfo {
  const { name, version } = suitePackage();
  return { name, version, casesHash: casesHash(cases), cases: cases.length };
}

/** `coder-conformance --version`: one line. */
export function versionLine(): string {
  const { name, version } = suitePackage();
  return `coder-conformance ${version} (${name})\n`;
}
