// Azure IMDS simulator and the Azure verifier: header/api-version rules, PKCS#7 round trip, every refusal.
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, test } from 'vitest';
import { AZURE_ERRORS, awsErrorPage } from './choices.ts';
import { createAzureSigner, createTestCa } from './keys.ts';
import { parsePkcs7, signPkcs7 } from './pkcs7.ts';
import { issueCertificate } from './x509.ts';
import { T0, metadataTestBed } from './test-server.ts';
import { AZURE_VERIFY_FAILED, verifyAzureIdentity } from './verify-azure.ts';
import { runs } from '../../testing/properties.ts';

const bed = metadataTestBed();
const VM_ID = '02aab8a4-74ef-476e-8182-f6d2ba4166a6';
const MACHINE = { azure: { vmId: VM_ID, subscriptionId: '8d10da13-8125-4ba9-a717-bf7490507b3d', sku: '22_04-lts-gen2' } };
const URL_OK = 'http://169.254.169.254/metadata/attested/document?api-version=2020-09-01';
const META = { Metadata: 'true' };

async function attested(url = URL_OK, headers: Record<string, string> = META) {
  return fetch(url, { headers });
}

async function signatureFor(url = URL_OK): Promise<string> {
  const res = await attested(url);
  expect(res.status).toBe(200);
  return (JSON.parse(await res.text()) as { signature: string }).signature;
}

const b64 = (der: Uint8Array) => Buffer.from(der).toString('base64');
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

/** Re-encode a SignedData after `edit` (content or signature tampering). */
function reencode(signature: string, edit: (sd: pkijs.SignedData) => void): string {
  const info = new pkijs.ContentInfo({ schema: asn1js.fromBER(Buffer.from(signature, 'base64')).result });
  const sd = new pkijs.SignedData({ schema: info.content });
  edit(sd);
  return b64(new Uint8Array(new pkijs.ContentInfo({ contentType: info.contentType, content: sd.toSchema(true) }).toSchema().toBER(false)));
}

describe('azureGetAttestedDocument', () => {
  test('answers {"encoding":"pkcs7","signature":...} over the attested JSON, signed by the CN=metadata.azure.com leaf', async () => {
    bed.use(MACHINE);
    const res = await attested();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await res.text();
    expect(body).toMatch(/^\{"encoding":"pkcs7","signature":"[A-Za-z0-9+/]+={0,2}"\}$/);
    const parsed = parsePkcs7(Buffer.from(JSON.parse(body).signature, 'base64'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(Buffer.from(parsed.p7.content).toString('utf8')).toBe(
      '{"licenseType":"","nonce":"20261129-120000","plan":{"name":"","product":"","publisher":""},' +
        '"timeStamp":{"createdOn":"11/29/26 12:00:00 -0000","expiresOn":"11/29/26 18:00:00 -0000"},' +
        `"vmId":"${VM_ID}","subscriptionId":"8d10da13-8125-4ba9-a717-bf7490507b3d","sku":"22_04-lts-gen2"}`,
    );
    expect(parsed.p7.certificates).toHaveLength(1);
    const leaf = new X509Certificate(Buffer.from(parsed.p7.certificates[0].toSchema(true).toBER(false)));
    expect(leaf.subject).toBe('O=coder-agent-conformance TEST ONLY\nCN=metadata.azure.com');
    // A foreign implementation can check the chain with only the suite's CA certificate.
    expect(leaf.verify(new X509Certificate(bed.keys().azure.ca.pem).publicKey)).toBe(true);
  });

  test('the nonce query parameter is carried into the document', async () => {
    bed.use(MACHINE);
    const parsed = parsePkcs7(Buffer.from(await signatureFor(`${URL_OK}&nonce=abcde12345`), 'base64'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(JSON.parse(Buffer.from(parsed.p7.content).toString()).nonce).toBe('abcde12345');
  });

  test.each([[{}], [{ Metadata: 'True' }], [{ Metadata: 'false' }]])("Metadata header %j → 400 with Azure's error", async (headers) => {
    bed.use(MACHINE);
    const res = await attested(URL_OK, headers);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('{"error":"Bad request. Required metadata header not specified"}');
  });

  test('missing api-version → 400 naming the newest versions', async () => {
    bed.use(MACHINE);
    for (const url of ['http://169.254.169.254/metadata/attested/document', 'http://169.254.169.254/metadata/attested/document?api-version=']) {
      const res = await attested(url);
      expect(res.status).toBe(400);
      expect(await res.text()).toBe(
        '{"error":"Bad request. api-version was not specified in the request. For more information refer to aka.ms/azureimds",' +
          '"newest-versions":["2025-04-07","2024-03-15","2023-11-15"]}',
      );
    }
  });

  test('unknown api-version → 400 invalid', async () => {
    bed.use(MACHINE);
    const res = await attested('http://169.254.169.254/metadata/attested/document?api-version=2099-01-01');
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(JSON.stringify(AZURE_ERRORS.invalidApiVersion));
  });

  test("not Azure → the host cloud's 404; other /metadata paths → Azure 404; handler names", async () => {
    bed.use({ aws: { instanceId: 'i-1' } });
    const res = await attested();
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(awsErrorPage(404));
    bed.use(MACHINE);
    const other = await fetch('http://169.254.169.254/metadata/instance?api-version=2021-02-01', { headers: META });
    expect(other.status).toBe(404);
    expect(await other.text()).toBe('{"error":"Not found"}');
    expect(await bed.answeredBy(new Request(URL_OK, { headers: META }))).toBe('azureGetAttestedDocument');
    expect(await bed.answeredBy(new Request('http://169.254.169.254/metadata/instance'))).toBe('azureNotFound');
  });
});

describe('verifyAzureIdentity', () => {
  test('round trip gives the vmId', async () => {
    bed.use(MACHINE);
    expect(verifyAzureIdentity(bed.keys(), await signatureFor())).toEqual({ ok: true, instanceId: VM_ID });
  });

  test('a signer CN outside the allow-list is refused', async () => {
    const keys = bed.keys();
    const evil = await createAzureSigner(keys.azure.ca, 'metadata.azure.evil.com');
    const sig = b64(await signPkcs7(evil, utf8(`{"vmId":"${VM_ID}"}`), T0));
    expect(verifyAzureIdentity(keys, sig)).toEqual({ ok: false, detail: 'unmatched common name of signer: "metadata.azure.evil.com"' });
    const regional = await createAzureSigner(keys.azure.ca, 'eastus.metadata.azure.us');
    expect(verifyAzureIdentity(keys, b64(await signPkcs7(regional, utf8('{"vmId":"r"}'), T0)))).toEqual({ ok: true, instanceId: 'r' });
  });

  test('a metadata.azure.com leaf from a foreign CA is refused', async () => {
    const keys = bed.keys();
    const foreign = await createAzureSigner(await createTestCa('somebody else'));
    const sig = b64(await signPkcs7(foreign, utf8(`{"vmId":"${VM_ID}"}`), T0));
    expect(verifyAzureIdentity(keys, sig, new Date(), 'chain-only')).toEqual({ ok: false, detail: 'x509: certificate signed by unknown authority' });
    expect(verifyAzureIdentity(keys, sig)).toEqual({ ok: false, detail: AZURE_VERIFY_FAILED });
  });

  test('a leaf without serverAuth in its extended key usage: chain-only refuses it (Go asks for serverAuth), smallstep asks for any', async () => {
    const keys = bed.keys();
    const day = 86_400_000;
    const clientOnly = await issueCertificate({
      commonName: 'metadata.azure.com',
      issuer: keys.azure.ca,
      isCA: false,
      extKeyUsages: ['1.3.6.1.5.5.7.3.2'],
      notBefore: new Date(Date.now() - day),
      notAfter: new Date(Date.now() + day),
    });
    const clientOnlySig = b64(await signPkcs7(clientOnly, utf8('{"vmId":"v"}'), new Date()));
    expect(verifyAzureIdentity(keys, clientOnlySig, new Date(), 'chain-only')).toEqual({
      ok: false,
      detail: 'verify signature: x509: certificate specifies an incompatible key usage',
    });
    expect(verifyAzureIdentity(keys, clientOnlySig)).toEqual({ ok: true, instanceId: 'v' });
    const noEku = await issueCertificate({
      commonName: 'metadata.azure.com',
      issuer: keys.azure.ca,
      isCA: false,
      notBefore: new Date(Date.now() - day),
      notAfter: new Date(Date.now() + day),
    });
    expect(verifyAzureIdentity(keys, b64(await signPkcs7(noEku, utf8('{"vmId":"v"}'), new Date())))).toEqual({ ok: true, instanceId: 'v' });
  });

  test('garbage input: base64, ASN.1, content type', async () => {
    const keys = bed.keys();
    expect(verifyAzureIdentity(keys, 'not base64!')).toEqual({ ok: false, detail: 'decode base64: illegal base64 data at input byte 3' });
    expect(verifyAzureIdentity(keys, '')).toEqual({ ok: false, detail: 'parse pkcs7: pkcs7: input data is empty' });
    const junk = verifyAzureIdentity(keys, 'AAAAAAAA');
    expect(junk.ok).toBe(false);
    expect(!junk.ok && junk.detail.startsWith('parse pkcs7: asn1: ')).toBe(true);
    const data = new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.1', content: new asn1js.OctetString({ valueHex: new Uint8Array([1]).buffer }) });
    expect(verifyAzureIdentity(keys, b64(new Uint8Array(data.toSchema().toBER(false))))).toEqual({
      ok: false,
      detail: 'parse pkcs7: pkcs7: cannot parse data: unimplemented content type',
    });
  });

  test('tampered content or signature: content-and-chain refuses both with one text; chain-only accepts the changed content', async () => {
    bed.use(MACHINE);
    const keys = bed.keys();
    const sig = await signatureFor();
    const forged = reencode(sig, (sd) => {
      sd.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: utf8('{"vmId":"someone-else"}').buffer as ArrayBuffer });
    });
    expect(verifyAzureIdentity(keys, forged)).toEqual({ ok: false, detail: AZURE_VERIFY_FAILED });
    expect(verifyAzureIdentity(keys, forged, new Date(), 'chain-only')).toEqual({ ok: true, instanceId: 'someone-else' });
    const badSig = reencode(sig, (sd) => {
      const bytes = new Uint8Array(sd.signerInfos[0].signature.getValue());
      bytes[10] ^= 0xff;
      sd.signerInfos[0].signature = new asn1js.OctetString({ valueHex: bytes.buffer });
    });
    expect(verifyAzureIdentity(keys, badSig)).toEqual({ ok: false, detail: AZURE_VERIFY_FAILED });
    expect(verifyAzureIdentity(keys, badSig, new Date(), 'chain-only')).toEqual({ ok: true, instanceId: VM_ID });
  });

  test('no certificate for the signer → no signers for signature', async () => {
    bed.use(MACHINE);
    const stripped = reencode(await signatureFor(), (sd) => {
      sd.certificates = [];
    });
    expect(verifyAzureIdentity(bed.keys(), stripped)).toEqual({ ok: false, detail: 'no signers for signature' });
  });

  test("an expired signer certificate: Go's x509 text (chain-only), the one text (content-and-chain)", async () => {
    bed.use(MACHINE);
    const keys = bed.keys();
    const later = new Date(keys.azure.signer.certificate.notAfter.value.getTime() + 1000);
    const after = keys.azure.signer.certificate.notAfter.value.toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(verifyAzureIdentity(keys, await signatureFor(), later)).toEqual({ ok: false, detail: AZURE_VERIFY_FAILED });
    expect(verifyAzureIdentity(keys, await signatureFor(), later, 'chain-only')).toEqual({
      ok: false,
      detail: `verify signature: x509: certificate has expired or is not yet valid: current time ${later.toISOString().replace(/\.\d{3}Z$/, 'Z')} is after ${after}`,
    });
  });

  test('signed content that is not the metadata JSON → unmarshal metadata error', async () => {
    const keys = bed.keys();
    expect(verifyAzureIdentity(keys, b64(await signPkcs7(keys.azure.signer, utf8('hello'), T0)))).toEqual({
      ok: false,
      detail: "unmarshal metadata: invalid character 'h' looking for beginning of value",
    });
    expect(verifyAzureIdentity(keys, b64(await signPkcs7(keys.azure.signer, utf8('{"vmId":7}'), T0)))).toEqual({
      ok: false,
      detail: 'unmarshal metadata: json: cannot unmarshal number into Go struct field metadata.vmId of type string',
    });
    expect(verifyAzureIdentity(keys, b64(await signPkcs7(keys.azure.signer, utf8('{}'), T0)))).toEqual({ ok: true, instanceId: '' });
  });

  test('malformed BER that the ASN.1 decoder throws on is a parse error, not an exception', () => {
    bed.use(MACHINE);
    // SEQUENCE { GeneralizedTime "ABC" }: asn1js throws while decoding the time text.
    const der = Buffer.from([0x30, 0x05, 0x18, 0x03, 0x41, 0x42, 0x43]);
    expect(verifyAzureIdentity(bed.keys(), der.toString('base64'))).toEqual({
      ok: false,
      detail: 'parse pkcs7: asn1: syntax error: Wrong input string for conversion',
    });
  });

  test('never throws on garbage or on a valid signature with any one byte changed; success keeps the signed vmId', async () => {
    bed.use(MACHINE);
    const keys = bed.keys();
    const fc = await import('fast-check');
    const der = Buffer.from(await signatureFor(), 'base64');
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const copy = Buffer.from(der);
        copy[at % copy.length] ^= xor;
        const r = verifyAzureIdentity(keys, copy.toString('base64'));
        return r.ok ? r.instanceId === VM_ID : typeof r.detail === 'string' && r.detail.length > 0;
      }),
      { numRuns: runs(150) },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const r = verifyAzureIdentity(keys, Buffer.from(bytes).toString('base64'));
        return !r.ok && r.detail.length > 0;
      }),
      { numRuns: runs(150) },
    );
  });
});
