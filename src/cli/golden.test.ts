// Help goldens: the reference CLI's `external-auth access-token --help` per revision must equal
// conformance/cases/goldens/<name> byte for byte, and each conformance/cases/goldens file must equal the upstream copy in
// <repo>/../shared/spec/upstream/<name>. `UPDATE_GOLDENS=1 npx vitest run src/cli/golden.test.ts`
// rewrites conformance/cases/goldens from the CLI's own output.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REVISIONS } from './revision.ts';
import { runCli } from './testutil.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const goldenDir = join(repo, 'conformance/cases/goldens');
const upstreamDir = resolve(repo, '../shared/spec/upstream');
const name = (rev: string) => `coder_external-auth_access-token_--help.${rev}.golden`;

describe.each(REVISIONS)('help golden %s', (rev) => {
  it('CLI output equals conformance/cases/goldens', async () => {
    const r = await runCli(['external-auth', 'access-token', '--help'], { CODER_REFERENCE_REVISION: rev });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const file = join(goldenDir, name(rev));
    if (process.env.UPDATE_GOLDENS === '1') {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(file, r.stdout);
    }
    expect(existsSync(file), `missing ${file}; run UPDATE_GOLDENS=1 npx vitest run src/cli/golden.test.ts`).toBe(true);
    expect(r.stdout).toBe(readFileSync(file, 'utf8'));
  });

  it('conformance/cases/goldens equals the upstream golden', () => {
    const up = join(upstreamDir, name(rev));
    expect(existsSync(up), `upstream golden not found: it must be at ${up} (the shared spec folder next to the repo)`).toBe(true);
    expect(readFileSync(join(goldenDir, name(rev)))).toEqual(readFileSync(up));
  });

  it('-h and --help before the provider give the same help; the default revision is pr24325', async () => {
    const a = await runCli(['external-auth', 'access-token', '-h', 'github'], { CODER_REFERENCE_REVISION: rev });
    expect(a.stdout).toBe(readFileSync(join(goldenDir, name(rev)), 'utf8'));
    if (rev === 'pr24325') expect((await runCli(['external-auth', 'access-token', '--help'])).stdout).toBe(a.stdout);
  });
});
