// The key cache (keys-cache.ts): cloud keys come back from the file exactly (certificates, JWKS,
// token secret, and private keys that still sign for the original public keys), the file is private,
// stale or foreign files are replaced by new keys, and an unusable cache still gives keys; the TLS
// identity likewise, renewed before its certificate expires.
import { createSign, createVerify, webcrypto, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CloudKeys } from '../../sim/index.ts';
import { cachedCloudKeys, cachedTlsIdentity, MAX_AGE_DAYS } from './keys-cache.ts';

const root = mkdtempSync(join(tmpdir(), 'keys-cache-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const RSA = { name: 'RSASSA-PKCS1-v1_5' } as const;
const data = new TextEncoder().encode('signed by the cached key');

async function signsFor(privateKey: CryptoKey, publicKey: CryptoKey): Promise<boolean> {
  return webcrypto.subtle.verify(RSA, publicKey, await webcrypto.subtle.sign(RSA, privateKey, data), data);
}

const fingerprint = (k: CloudKeys) => ({
  aws: Buffer.from(k.aws.certificateDer).toString('hex'),
  secret: Buffer.from(k.aws.tokenSecret).toString('hex'),
  ca: k.azure.ca.pem,
  signer: k.azure.signer.pem,
  jwks: k.gcp.jwks,
});

describe('cachedCloudKeys', () => {
  it('mints and writes the keys once (mode 0600), then gives the same keys back from the file', async () => {
    const dir = join(root, 'a');
    const minted = await cachedCloudKeys(dir);
    const file = join(dir, 'cloud-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await cachedCloudKeys(dir);
    expect(again).not.toBe(minted);
    expect(fingerprint(again)).toEqual(fingerprint(minted));
    expect(again.gcp.kid).toBe(minted.gcp.kid);
    // The imported private keys sign for the minted public keys (and the other way round).
    expect(await signsFor(again.azure.signer.privateKey, minted.azure.signer.publicKey)).toBe(true);
    expect(await signsFor(minted.azure.ca.privateKey, again.azure.ca.publicKey)).toBe(true);
    expect(await signsFor(again.gcp.privateKey, minted.gcp.publicKey)).toBe(true);
    const sig = createSign('sha256').update(data).sign(again.aws.privateKey);
    expect(createVerify('sha256').update(data).verify(minted.aws.publicKey, sig)).toBe(true);
    expect(again.azure.signer.certificate.subject.typesAndValues.length).toBeGreaterThan(0);
  });

  it(`mints new keys when the cached ones are older than ${MAX_AGE_DAYS} days, or from the future`, async () => {
    const dir = join(root, 'b');
    const minted = await cachedCloudKeys(dir, new Date('2026-01-01T00:00:00Z'));
    const later = new Date(Date.parse('2026-01-01T00:00:00Z') + MAX_AGE_DAYS * 86_400_000);
    const renewed = await cachedCloudKeys(dir, later);
    expect(fingerprint(renewed).jwks).not.toEqual(fingerprint(minted).jwks);
    const earlier = await cachedCloudKeys(dir, new Date('2025-12-31T00:00:00Z'));
    expect(fingerprint(earlier).jwks).not.toEqual(fingerprint(renewed).jwks);
  });

  it('replaces a file that is not an export, and still gives keys when the cache cannot be written', async () => {
    const dir = join(root, 'c');
    await cachedCloudKeys(dir);
    const file = join(dir, 'cloud-keys.json');
    writeFileSync(file, '{"format":"something-else"}');
    utimesSync(file, new Date(), new Date());
    const keys = await cachedCloudKeys(dir);
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('cloud-keys-1');
    expect(keys.gcp.jwks.keys).toHaveLength(1);
    const blocked = join(root, 'not-a-dir');
    writeFileSync(blocked, 'a file where the cache folder would be');
    expect((await cachedCloudKeys(join(blocked, 'keys'))).gcp.jwks.keys).toHaveLength(1);
  });
});

describe('cachedTlsIdentity', () => {
  const day = 86_400_000;
  it('mints and writes the identity once (mode 0600), then gives it back from the file', async () => {
    const dir = join(root, 'tls-a');
    const minted = await cachedTlsIdentity(dir);
    expect(statSync(join(dir, 'tls-identity.json')).mode & 0o777).toBe(0o600);
    const again = await cachedTlsIdentity(dir);
    expect(again).toEqual(minted);
    expect(new X509Certificate(again.certPem).checkIssued(new X509Certificate(again.caPem))).toBe(true);
  });

  it('mints a new identity when the certificate has less than a day left, is not valid yet, or the file is not ours', async () => {
    const dir = join(root, 'tls-b');
    const t0 = new Date('2026-03-01T00:00:00Z');
    const first = await cachedTlsIdentity(dir, t0);
    expect(await cachedTlsIdentity(dir, new Date(t0.getTime() + 5 * day))).toEqual(first);
    const renewed = await cachedTlsIdentity(dir, new Date(t0.getTime() + 6.5 * day));
    expect(renewed.certPem).not.toBe(first.certPem);
    const past = await cachedTlsIdentity(dir, new Date(t0.getTime() - 2 * day));
    expect(past.certPem).not.toBe(renewed.certPem);
    const file = join(dir, 'tls-identity.json');
    writeFileSync(file, JSON.stringify({ ...past, keyPem: first.keyPem }));
    const mended = await cachedTlsIdentity(dir, new Date(t0.getTime() - 2 * day));
    expect(mended.keyPem).not.toBe(first.keyPem);
    expect(mended.certPem).not.toBe(past.certPem);
  });
});
