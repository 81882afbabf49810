// Guards src/generated/openapi.ts: regenerating from openapi.yaml with the
// pinned openapi-typescript (exactly what `npm run generate` runs) must give
// the committed file byte for byte.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'node_modules/openapi-typescript/bin/cli.js');
const committed = join(root, 'src/generated/openapi.ts');

describe('src/generated/openapi.ts', () => {
  it('is what `npm run generate` produces from openapi.yaml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-gen-'));
    try {
      const out = join(dir, 'openapi.ts');
      await execa(process.execPath, [cli, 'openapi.yaml', '--output', out], { cwd: root });
      const fresh = readFileSync(out, 'utf8');
      const current = readFileSync(committed, 'utf8');
      expect(current === fresh, 'src/generated/openapi.ts is out of date with openapi.yaml: run `npm run generate` and commit the result').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exposes the operations and schemas other parts use by name', () => {
    const text = readFileSync(committed, 'utf8');
    for (const id of [
      'authAwsInstanceIdentity',
      'authAzureInstanceIdentity',
      'authGoogleInstanceIdentity',
      'getWorkspaceAgentExternalAuth',
      'awsPutToken',
      'awsGetIdentitySignature',
      'awsGetIdentityDocument',
      'azureGetAttestedDocument',
      'gcpGetIdentityToken',
      'gcpGetCerts',
    ]) {
      expect(text).toContain(`\n    ${id}: {`);
    }
    const start = text.indexOf('        ExternalAuthResponse: {');
    const end = text.indexOf('\n        };', start);
    expect(start).toBeGreaterThan(0);
    expect(text.slice(start, end)).toContain('expires_at?: string;');
  });
});
