// The suite's own test keys and certificates for the three clouds, generated once per process:
// AWS regional certificate (self-signed RSA), Azure test root CA → `metadata.azure.com` leaf,
// GCP RS256 key with its JWKS. Never real cloud keys.
import { KeyObject, randomBytes, createHash } from 'node:crypto';
import { exportJWK, type JWK } from 'jose';
import { generateRsaKeyPair, issueCertificate, type IssuedCertificate } from './x509.ts';

export interface AwsKeys {
  /** The "regional certificate" coderd checks signatures against (PEM, self-signed). */
  certificatePem: string;
  certificateDer: Uint8Array;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** HMAC secret that makes IMDSv2 session tokens self-validating (no handler state). */
  tokenSecret: Uint8Array;
}

export interface AzureKeys {
  /** The suite's test root CA: coderd's simulator trusts only this. */
  ca: IssuedCertificate;
  /** Leaf with CN metadata.azure.com, issued by `ca`, that signs attested documents. */
  signer: IssuedCertificate;
}

export interface GcpKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The JWKS served at /oauth2/v3/certs (Google's shape: e, kty, alg, n, use, kid). */
  jwks: { keys: JWK[] };
}

export interface CloudKeys {
  aws: AwsKeys;
  azure: AzureKeys;
  gcp: GcpKeys;
}

export const AZURE_SIGNER_CN = 'metadata.azure.com';
const DAY_MS = 86_400_000;

/** Validity window of every suite certificate: from a day ago to ten years ahead. */
function validity(now: Date): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(now.getTime() - DAY_MS), notAfter: new Date(now.getTime() + 3650 * DAY_MS) };
}

/** A test CA (self-signed root), e.g. the suite's Azure root or a "foreign" one in tests. */
export async function createTestCa(commonName: string, now = new Date()): Promise<IssuedCertificate> {
  return issueCertificate({ commonName, isCA: true, ...validity(now) });
}

/** A signing leaf for Azure attested documents; tests use other CNs/issuers to provoke failures. */
export async function createAzureSigner(issuer: IssuedCertificate, commonName = AZURE_SIGNER_CN, now = new Date()): Promise<IssuedCertificate> {
  return issueCertificate({
    commonName,
    issuer,
    isCA: false,
    extKeyUsages: ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'], // serverAuth, clientAuth (as Azure's TLS-style cert)
    ...validity(now),
  });
}

/** An RS256 key and its single-key JWKS. */
export async function createGcpKeys(kid?: string): Promise<GcpKeys> {
  const pair = await generateRsaKeyPair();
  const jwk = await exportJWK(pair.publicKey);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const keyId = kid ?? createHash('sha1').update(spki).digest('hex');
  return {
    kid: keyId,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    jwks: { keys: [{ e: jwk.e, kty: 'RSA', alg: 'RS256', n: jwk.n, use: 'sig', kid: keyId }] },
  };
}

async function createAwsKeys(now: Date): Promise<AwsKeys> {
  const issued = await issueCertificate({ commonName: 'ec2.amazonaws.com conformance test region', isCA: false, ...validity(now) });
  return {
    certificatePem: issued.pem,
    certificateDer: issued.der,
    privateKey: KeyObject.from(issued.privateKey),
    publicKey: KeyObject.from(issued.publicKey),
    tokenSecret: new Uint8Array(randomBytes(32)),
  };
}

async function generateCloudKeys(): Promise<CloudKeys> {
  const now = new Date();
  const [aws, ca, gcp] = await Promise.all([createAwsKeys(now), createTestCa('coder-agent-conformance Azure test root CA', now), createGcpKeys()]);
  const signer = await createAzureSigner(ca, AZURE_SIGNER_CN, now);
  return { aws, azure: { ca, signer }, gcp };
}

let memo: Promise<CloudKeys> | undefined;

/** The suite's keys: generated on first call, then the same object for the life of the process. */
export function createCloudKeys(): Promise<CloudKeys> {
  memo ??= generateCloudKeys().catch((err: unknown) => {
    memo = undefined;
    throw err;
  });
  return memo;
}
