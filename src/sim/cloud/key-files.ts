// The public half of the suite's cloud keys as files (PEM certificates, JWKS), for reports or for
// people debugging an implementation: what a coderd would trust. Private keys are never written.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CloudKeys } from './keys.ts';

/** File name → contents of every public artefact. */
export function cloudKeyFiles(keys: CloudKeys): Record<string, string> {
  return {
    'aws-regional-certificate.pem': keys.aws.certificatePem,
    'azure-test-root-ca.pem': keys.azure.ca.pem,
    'azure-metadata-signer.pem': keys.azure.signer.pem,
    'gcp-jwks.json': JSON.stringify(keys.gcp.jwks, null, 2) + '\n',
  };
}

/**
 * Write cloudKeyFiles(keys) into `dir` (created if needed); returns the paths written. The keys are
 * per process, so these files only describe the run that wrote them.
 */
export async function writeCloudKeyFiles(keys: CloudKeys, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, contents] of Object.entries(cloudKeyFiles(keys))) {
    const path = join(dir, name);
    await writeFile(path, contents, 'utf8');
    written.push(path);
  }
  return written;
}
