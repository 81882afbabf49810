// PKCS#7 / CMS SignedData (pkijs): signing attested content with an attached payload, signed
// attributes and the signer certificate; parsing back with error texts modelled on
// go.mozilla.org/pkcs7; and the content-signature check (message digest + RSA signature).
import { X509Certificate, createHash, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { pkiCrypto, type IssuedCertificate } from './x509.ts';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const bufferOf = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** DER ContentInfo(SignedData) over `content`, signed SHA-256/RSA by `signer`, its certificate included. */
export async function signPkcs7(signer: IssuedCertificate, content: Uint8Array, signingTime: Date): Promise<Uint8Array> {
  const cert = signer.certificate;
  const digest = createHash('sha256').update(content).digest();
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.data,
      eContent: new asn1js.OctetString({ valueHex: bufferOf(content) }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
            new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: signingTime })] }),
            new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: bufferOf(digest) })] }),
          ],
        }),
      }),
    ],
    certificates: [cert],
  });
  await signedData.sign(signer.privateKey, 0, 'SHA-256', undefined, pkiCrypto);
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER(false));
}

/** The same SignedData with its attached content replaced (signatures and certificates untouched). */
export function replacePkcs7Content(der: Uint8Array, content: Uint8Array): Uint8Array {
  const info = new pkijs.ContentInfo({ schema: asn1js.fromBER(bufferOf(der)).result });
  const sd = new pkijs.SignedData({ schema: info.content });
  sd.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: bufferOf(content) });
  return new Uint8Array(new pkijs.ContentInfo({ contentType: info.contentType, content: sd.toSchema(true) }).toSchema().toBER(false));
}

export interface ParsedPkcs7 {
  signedData: pkijs.SignedData;
  /** The attached content bytes ("" when detached). */
  content: Uint8Array;
  certificates: pkijs.Certificate[];
}

export type ParseResult = { ok: true; p7: ParsedPkcs7 } | { ok: false; error: string };

/**
 * Parse DER/BER bytes as ContentInfo(SignedData). Error texts: Go's for empty input, trailing data
 * and unsupported content types; other malformed input reports asn1js/pkijs's reason in Go's
 * `asn1: structure error: ...` form (an approximation: Go's exact parser texts are not modelled).
 */
export function parsePkcs7(der: Uint8Array): ParseResult {
  if (der.length === 0) return { ok: false, error: 'pkcs7: input data is empty' };
  const berError = ber2derError(der);
  if (berError !== null) return { ok: false, error: berError };
  let asn: ReturnType<typeof asn1js.fromBER>;
  try {
    asn = asn1js.fromBER(bufferOf(der));
  } catch (e) {
    // asn1js throws (rather than reporting) on some malformed values, e.g. a GeneralizedTime
    // whose text is not a time; Go's asn1 reports those as syntax errors too.
    return { ok: false, error: `asn1: syntax error: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (asn.offset === -1) return { ok: false, error: `asn1: syntax error: ${asn.result.error || 'invalid BER'}` };
  if (asn.offset !== der.length) return { ok: false, error: 'asn1: syntax error: trailing data' };
  try {
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== OID.signedData) return { ok: false, error: 'pkcs7: cannot parse data: unimplemented content type' };
    const signedData = new pkijs.SignedData({ schema: info.content });
    const eContent = signedData.encapContentInfo.eContent;
    const content = eContent ? new Uint8Array(eContent.getValue()) : new Uint8Array();
    const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
    for (const cert of certificates) {
      // Go parses every certificate up front (x509.ParseCertificates); so does this, with OpenSSL.
      try {
        new X509Certificate(Buffer.from(cert.toSchema(true).toBER(false)));
      } catch {
        return { ok: false, error: 'x509: malformed certificate' };
      }
    }
    return { ok: true, p7: { signedData, content, certificates } };
  } catch (e) {
    return { ok: false, error: `asn1: structure error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** go.mozilla.org/pkcs7 GetOnlySigner: the certificate of the one signer, or undefined. */
export function onlySignerCertificate(p7: ParsedPkcs7): pkijs.Certificate | undefined {
  const infos = p7.signedData.signerInfos;
  if (infos.length !== 1) return undefined;
  const sid = infos[0].sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return undefined;
  return p7.certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/**
 * The single signer's signature over the content: message digest first (when signed attributes are
 * present), then RSA. Returns null when valid, else the pkcs7 library's error text.
 */
export function checkContentSignature(p7: ParsedPkcs7, signerCert: pkijs.Certificate): string | null {
  const info = p7.signedData.signerInfos[0];
  const hash = HASHES[info.digestAlgorithm.algorithmId];
  if (!hash) return 'pkcs7: cannot parse data: unimplemented digest algorithm';
  let signed: Uint8Array = p7.content;
  if (info.signedAttrs && info.signedAttrs.attributes.length > 0) {
    const attr = info.signedAttrs.attributes.find((a) => a.type === OID.messageDigest);
    if (!attr || !(attr.values[0] instanceof asn1js.OctetString)) return 'pkcs7: missing attribute';
    const expected = new Uint8Array(attr.values[0].getValue());
    const actual = createHash(hash).update(p7.content).digest();
    if (!actual.equals(expected)) return `pkcs7: Message digest mismatch\n\tExpected: ${hex(expected)}\n\tActual  : ${hex(actual)}`;
    signed = new Uint8Array(info.signedAttrs.encodedValue);
  }
  const key = new X509Certificate(Buffer.from(signerCert.toSchema(true).toBER(false))).publicKey;
  const sig = new Uint8Array(info.signature.getValue());
  let ok = false;
  try {
    ok = verify(hash, signed, key, sig);
  } catch {
    ok = false;
  }
  return ok ? null : 'crypto/rsa: verification error';
}

/**
 * smallstep/pkcs7's ber2der pass, which Parse runs before any ASN.1 decoding: it walks the tag/length
 * headers (recursing into constructed values, indefinite lengths ended by 00 00) and fails with its own
 * texts. A base64 payload that is not PKCS#7 at all (`hello`: tag 0x68, length 101 of 3 bytes left) ends
 * here: `ber2der: BER tag length is more than available data`. Bytes after the first value are ignored.
 */
export function ber2derError(ber: Uint8Array): string | null {
  const END = 'ber2der: cannot move offset forward, end of ber data reached';
  const read = (offset: number): number => {
    const b = ber[offset++];
    if (offset >= ber.length) throw new Error(END);
    if ((b & 0x1f) === 0x1f) {
      while (ber[offset] >= 0x80) {
        offset++;
        if (offset >= ber.length) throw new Error(END);
      }
      offset++;
      if (offset >= ber.length) throw new Error(END);
    }
    const constructed = (b & 0x20) !== 0;
    const l = ber[offset++];
    let length = 0;
    let indefinite = false;
    if (l > 0x80) {
      const n = l & 0x7f;
      if (n > 4) throw new Error('ber2der: BER tag length too long');
      if (offset + n > ber.length) throw new Error('ber2der: BER tag length is more than available data');
      if (n === 4 && ber[offset] > 0x7f) throw new Error('ber2der: BER tag length is negative');
      if (ber[offset] === 0) throw new Error('ber2der: BER tag length has leading zero');
      for (let i = 0; i < n; i++) length = length * 256 + ber[offset++];
    } else if (l === 0x80) indefinite = true;
    else length = l;
    let contentEnd = offset + length;
    if (contentEnd > ber.length) throw new Error('ber2der: BER tag length is more than available data');
    if (indefinite && !constructed) throw new Error('ber2der: Indefinite form tag must have constructed encoding');
    if (constructed) {
      while (offset < contentEnd || indefinite) {
        offset = read(offset);
        if (indefinite) {
          if (ber.length - offset < 2) throw new Error('ber2der: Invalid BER format');
          if (ber[offset] === 0 && ber[offset + 1] === 0) break;
        }
      }
    }
    if (indefinite) contentEnd = offset + 2;
    return contentEnd;
  };
  try {
    read(0);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
