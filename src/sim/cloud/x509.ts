// X.509 plumbing for the suite's own test certificates (pkijs over node's WebCrypto): RSA key
// generation, certificate issuing (self-signed roots and leaves), PEM/DER conversion.
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { TEST_ORGANIZATION } from './choices.ts';

/** The crypto engine every pkijs call in this folder uses (never the process-global one). */
export const pkiCrypto = new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: webcrypto as unknown as Crypto });

const RSA_ALGORITHM: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

/** An issued certificate rebuilt from its DER and its private key's PKCS#8 (exportPkcs8). */
export async function importIssued(der: Uint8Array<ArrayBuffer>, pkcs8: Uint8Array<ArrayBuffer>): Promise<IssuedCertificate> {
  const certificate = pkijs.Certificate.fromBER(der);
  const spki = certificate.subjectPublicKeyInfo.toSchema().toBER(false);
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, RSA_ALGORITHM, true, ['sign']);
  const publicKey = await webcrypto.subtle.importKey('spki', spki, RSA_ALGORITHM, true, ['verify']);
  return { certificate, der, pem: toPem('CERTIFICATE', der), privateKey, publicKey };
}

/** The PKCS#8 bytes of a private key made here (extractable). */
export async function exportPkcs8(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', key));
}

/** An RSA key pair from a private key's PKCS#8 (the public key is derived from it). */
export async function importRsaKeyPair(pkcs8: Uint8Array<ArrayBuffer>): Promise<CryptoKeyPair> {
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, RSA_ALGORITHM, true, ['sign']);
  const jwk = await webcrypto.subtle.exportKey('jwk', privateKey);
  const publicKey = await webcrypto.subtle.importKey('jwk', { kty: jwk.kty, n: jwk.n, e: jwk.e }, RSA_ALGORITHM, true, ['verify']);
  return { privateKey, publicKey };
}

export async function generateRsaKeyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** A certificate with everything a caller may need to sign with it or publish it. */
export interface IssuedCertificate {
  certificate: pkijs.Certificate;
  der: Uint8Array;
  pem: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export interface IssueOptions {
  commonName: string;
  /** The issuing certificate and key; absent = self-signed. */
  issuer?: IssuedCertificate;
  isCA: boolean;
  /** Extended key usages (OIDs) for a leaf. */
  extKeyUsages?: string[];
  notBefore: Date;
  notAfter: Date;
  keyPair?: CryptoKeyPair;
  /** Subject alternative names (a TLS server's): DNS names and IPv4 addresses. */
  san?: { dns?: string[]; ip?: string[] };
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  subjectAltName: '2.5.29.17',
} as const;

let serialCounter = 0;

/** O=<test-only>, CN=<name> as two single-valued RDNs (pkijs alone would make one multi-valued RDN). */
function buildName(commonName: string): pkijs.RelativeDistinguishedNames {
  const rdn = (type: string, value: string) =>
    new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }).toSchema()] });
  const der = new asn1js.Sequence({ value: [rdn(OID.organization, TEST_ORGANIZATION), rdn(OID.commonName, commonName)] }).toBER(false);
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(der).result });
}

function keyIdentifier(cert: pkijs.Certificate): ArrayBuffer {
  const spki = new Uint8Array(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
  const digest = createHash('sha1').update(spki).digest();
  return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength);
}

function extension(extnID: string, critical: boolean, value: asn1js.AsnType): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
}

/** Issue an RSA/SHA-256 certificate whose subject is clearly marked as test-only. */
export async function issueCertificate(opts: IssueOptions): Promise<IssuedCertificate> {
  const keys = opts.keyPair ?? (await generateRsaKeyPair());
  const cert = new pkijs.Certificate();
  cert.version = 2;
  serialCounter += 1;
  const serial = new Uint8Array(9);
  serial[0] = 0x01; // positive, non-zero leading byte
  new DataView(serial.buffer).setUint32(1, Math.floor(opts.notBefore.getTime() / 1000));
  new DataView(serial.buffer).setUint32(5, serialCounter);
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  cert.subject = buildName(opts.commonName);
  cert.issuer = opts.issuer ? opts.issuer.certificate.subject : buildName(opts.commonName);
  cert.notBefore.value = opts.notBefore;
  cert.notAfter.value = opts.notAfter;
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey, pkiCrypto);

  const extensions: pkijs.Extension[] = [];
  extensions.push(
    extension(OID.basicConstraints, true, opts.isCA ? new pkijs.BasicConstraints({ cA: true }).toSchema() : new pkijs.BasicConstraints({}).toSchema()),
  );
  // keyUsage: CA = keyCertSign|cRLSign (bits 5,6); leaf = digitalSignature (bit 0).
  const usage = opts.isCA
    ? new asn1js.BitString({ valueHex: new Uint8Array([0x06]).buffer, unusedBits: 1 })
    : new asn1js.BitString({ valueHex: new Uint8Array([0x80]).buffer, unusedBits: 7 });
  extensions.push(extension(OID.keyUsage, true, usage));
  if (opts.extKeyUsages && opts.extKeyUsages.length > 0) {
    extensions.push(extension(OID.extKeyUsage, false, new pkijs.ExtKeyUsage({ keyPurposes: opts.extKeyUsages }).toSchema()));
  }
  extensions.push(extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: keyIdentifier(cert) })));
  const authority = opts.issuer?.certificate ?? cert;
  extensions.push(
    extension(
      OID.authorityKeyIdentifier,
      false,
      new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: keyIdentifier(authority) }) }).toSchema(),
    ),
  );
  if (opts.san) {
    const names = [
      ...(opts.san.dns ?? []).map((value) => new pkijs.GeneralName({ type: 2, value })),
      ...(opts.san.ip ?? []).map(
        (ip) => new pkijs.GeneralName({ type: 7, value: new asn1js.OctetString({ valueHex: new Uint8Array(ip.split('.').map(Number)).buffer }) }),
      ),
    ];
    extensions.push(extension(OID.subjectAltName, false, new pkijs.GeneralNames({ names }).toSchema()));
  }
  cert.extensions = extensions;

  await cert.sign(opts.issuer?.privateKey ?? keys.privateKey, 'SHA-256', pkiCrypto);
  const der = new Uint8Array(cert.toSchema(true).toBER(false));
  return { certificate: cert, der, pem: toPem('CERTIFICATE', der), privateKey: keys.privateKey, publicKey: keys.publicKey };
}

/** PEM armour with 64-character lines and a trailing newline (what Go's pem.Encode writes). */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Parse DER bytes into a pkijs Certificate; throws with asn1js's message on bad input. */
export function parseCertificateDer(der: Uint8Array): pkijs.Certificate {
  const asn = asn1js.fromBER(der);
  if (asn.offset === -1) throw new Error(asn.result.error || 'invalid DER');
  return new pkijs.Certificate({ schema: asn.result });
}

/** The subject's CN, or "" when there is none — like Go's Name.CommonName (the last CN wins). */
export function commonNameOf(cert: pkijs.Certificate): string {
  const cn = cert.subject.typesAndValues.filter((tv) => tv.type === OID.commonName).at(-1);
  return cn ? String((cn.value as { valueBlock: { value: unknown } }).valueBlock.value) : '';
}
