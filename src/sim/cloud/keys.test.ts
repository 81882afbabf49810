// The suite keys: memoisation, certificate shapes and chains, JWKS, public key files.
import { X509Certificate, sign, verify } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK } from 'jose';
import { describe, expect, test } from 'vitest';
import { cloudKeyFiles, writeCloudKeyFiles } from './key-files.ts';
import { createCloudKeys } from './keys.ts';
import { signJwt } from './gcp-token.ts';

describe('createCloudKeys', () => {
  test('is memoised per process', async () => {
    expect(await createCloudKeys()).toBe(await createCloudKeys());
  });

  test('AWS: a self-signed, test-only certificate whose key signs what the private key signs', async () => {
    const { aws } = await createCloudKeys();
    const cert = new X509Certificate(aws.certificatePem);
    expect(cert.subject).toBe('O=coder-agent-conformance TEST ONLY\nCN=ec2.amazonaws.com conformance test region');
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.verify(cert.publicKey)).toBe(true);
    const sig = sign('sha256', Buffer.from('doc'), aws.privateKey);
    expect(verify('sha256', Buffer.from('doc'), cert.publicKey, sig)).toBe(true);
    expect(Buffer.from(cert.raw).equals(Buffer.from(aws.certificateDer))).toBe(true);
  });

  test('Azure: test root CA → CN=metadata.azure.com leaf', async () => {
    const { azure } = await createCloudKeys();
    const ca = new X509Certificate(azure.ca.pem);
    const leaf = new X509Certificate(azure.signer.pem);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(ca.subject).toBe('O=coder-agent-conformance TEST ONLY\nCN=coder-agent-conformance Azure test root CA');
    expect(leaf.subject).toBe('O=coder-agent-conformance TEST ONLY\nCN=metadata.azure.com');
    expect(leaf.issuer).toBe(ca.subject);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
  });

  test('GCP: the JWKS key verifies what the private key signs', async () => {
    const { gcp } = await createCloudKeys();
    expect(gcp.jwks.keys).toHaveLength(1);
    const [jwk] = gcp.jwks.keys;
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB', kid: gcp.kid });
    const jwt = await signJwt(gcp, { sub: 'x' });
    const [h, p, s] = jwt.split('.');
    const key = (await importJWK(jwk, 'RS256')) as CryptoKey;
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, Buffer.from(s, 'base64url'), Buffer.from(`${h}.${p}`))).toBe(true);
  });
});

describe('cloudKeyFiles / writeCloudKeyFiles', () => {
  test('only public material, written byte for byte', async () => {
    const keys = await createCloudKeys();
    const files = cloudKeyFiles(keys);
    expect(Object.keys(files)).toEqual(['aws-regional-certificate.pem', 'azure-test-root-ca.pem', 'azure-metadata-signer.pem', 'gcp-jwks.json']);
    for (const contents of Object.values(files)) {
      expect(contents).not.toMatch(/PRIVATE/);
      expect(contents).not.toMatch(/"d"\s*:/);
    }
    const dir = await mkdtemp(join(tmpdir(), 'cloud-keys-'));
    try {
      const written = await writeCloudKeyFiles(keys, join(dir, 'nested'));
      expect(written).toHaveLength(4);
      for (const path of written) expect(await readFile(path, 'utf8')).toBe(files[path.split('/').at(-1) as string]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
