// The suite's own test keys and certificates for the three clouds, generated once per process:
// AWS regional certificate (self-signed RSA), Azure test root CA → `metadata.azure.com` leaf,
// GCP RS256 key with its JWKS. Never real cloud keys.
import { KeyObject, randomBytes, createHash } from 'node:crypto';
import { exportJWK, type JWK } from 'jose';
import { exportPkcs8, generateRsaKeyPair, importIssued, importRsaKeyPair, issueCertificate, type IssuedCertificate } from './x509.ts';

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

/** An RS256 key and its single-key JWKS (`pair`: an existing key pair, else a new one). */
export async function createGcpKeys(kid?: string, pair?: CryptoKeyPair): Promise<GcpKeys> {
  pair ??= await generateRsaKeyPair();
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
  return awsKeysOf(await issueCertificate({ commonName: 'ec2.amazonaws.com conformance test region', isCA: false, ...validity(now) }), randomBytes(32));
}

function awsKeysOf(issued: IssuedCertificate, tokenSecret: Uint8Array): AwsKeys {
  return {
    certificatePem: issued.pem,
    certificateDer: issued.der,
    privateKey: KeyObject.from(issued.privateKey),
    publicKey: KeyObject.from(issued.publicKey),
    tokenSecret: new Uint8Array(tokenSecret),
  };
}

/** New keys every call (createCloudKeys() keeps one set per process). */
export async function mintCloudKeys(): Promise<CloudKeys> {
  const now = new Date();
  const [aws, ca, gcp] = await Promise.all([createAwsKeys(now), createTestCa('coder-agent-conformance Azure test root CA', now), createGcpKeys()]);
  const signer = await createAzureSigner(ca, AZURE_SIGNER_CN, now);
  return { aws, azure: { ca, signer }, gcp };
}

let memo: Promise<CloudKeys> | undefined;

/** The suite's keys: generated on first call, then the same object for the life of the process. */
export function createCloudKeys(): Promise<CloudKeys> {
  memo ??= mintCloudKeys().catch((err: unknown) => {
    memo = undefined;
    throw err;
  });
  return memo;
}

/**
 * The keys as plain data (DER certificates, PKCS#8 private keys, base64), so that a caller may keep
 * them between processes (the runner's key cache): minting four RSA keys costs most of a second.
 * `created` is when they were minted; their certificates are valid from a day before that.
 */
export interface CloudKeysData {
  format: 'cloud-keys-1';
  created: string;
  aws: { der: string; pkcs8: string; tokenSecret: string };
  azure: { ca: { der: string; pkcs8: string }; signer: { der: string; pkcs8: string } };
  gcp: { kid: string; pkcs8: string };
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/** See CloudKeysData; importCloudKeys() gives the same keys back. */
export async function exportCloudKeys(keys: CloudKeys, created: Date): Promise<CloudKeysData> {
  const issued = async (c: IssuedCertificate) => ({ der: b64(c.der), pkcs8: b64(await exportPkcs8(c.privateKey)) });
  return {
    format: 'cloud-keys-1',
    created: created.toISOString(),
    aws: {
      der: b64(keys.aws.certificateDer),
      pkcs8: b64(new Uint8Array(keys.aws.privateKey.export({ format: 'der', type: 'pkcs8' }))),
      tokenSecret: b64(keys.aws.tokenSecret),
    },
    azure: { ca: await issued(keys.azure.ca), signer: await issued(keys.azure.signer) },
    gcp: { kid: keys.gcp.kid, pkcs8: b64(await exportPkcs8(keys.gcp.privateKey)) },
  };
}

/** The keys exportCloudKeys() wrote. Throws on data that is not such an export. */
export async function importCloudKeys(data: CloudKeysData): Promise<CloudKeys> {
  if (data?.format !== 'cloud-keys-1') throw new Error('not a cloud-keys-1 export');
  const [aws, ca, signer, gcpPair] = await Promise.all([
    importIssued(unb64(data.aws.der), unb64(data.aws.pkcs8)),
    importIssued(unb64(data.azure.ca.der), unb64(data.azure.ca.pkcs8)),
    importIssued(unb64(data.azure.signer.der), unb64(data.azure.signer.pkcs8)),
    importRsaKeyPair(unb64(data.gcp.pkcs8)),
  ]);
  return { aws: awsKeysOf(aws, unb64(data.aws.tokenSecret)), azure: { ca, signer }, gcp: await createGcpKeys(data.gcp.kid, gcpPair) };
}
