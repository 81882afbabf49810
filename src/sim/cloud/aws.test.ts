// AWS IMDSv2 simulator: header rules, error pages, token expiry, document bytes, signature round trip.
import { X509Certificate, verify } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { awsErrorPage } from './choices.ts';
import { verifyAwsIdentity } from './verify-aws.ts';
import { T0, metadataTestBed } from './test-server.ts';
import { runs } from '../../testing/properties.ts';

const bed = metadataTestBed();
const IMDS = 'http://169.254.169.254';
const MACHINE = {
  aws: {
    instanceId: 'i-0123456789abcdef0',
    region: 'us-east-1',
    accountId: '123456789012',
    availabilityZone: 'us-east-1a',
    instanceType: 't3.micro',
    imageId: 'ami-0abcdef1234567890',
    privateIp: '10.0.0.12',
  },
};

const EXPECTED_DOCUMENT = `{
  "accountId" : "123456789012",
  "architecture" : "x86_64",
  "availabilityZone" : "us-east-1a",
  "billingProducts" : null,
  "devpayProductCodes" : null,
  "marketplaceProductCodes" : null,
  "imageId" : "ami-0abcdef1234567890",
  "instanceId" : "i-0123456789abcdef0",
  "instanceType" : "t3.micro",
  "kernelId" : null,
  "pendingTime" : "2026-01-01T00:00:00Z",
  "privateIp" : "10.0.0.12",
  "ramdiskId" : null,
  "region" : "us-east-1",
  "version" : "2017-09-30"
}`;

function putToken(headers: Record<string, string>) {
  return fetch(`${IMDS}/latest/api/token`, { method: 'PUT', headers });
}

async function token(ttl = '21600'): Promise<string> {
  const res = await putToken({ 'X-aws-ec2-metadata-token-ttl-seconds': ttl });
  expect(res.status).toBe(200);
  return res.text();
}

const get = (what: 'document' | 'signature', tok?: string) =>
  fetch(`${IMDS}/latest/dynamic/instance-identity/${what}`, { headers: tok === undefined ? {} : { 'X-aws-ec2-metadata-token': tok } });

describe('awsPutToken', () => {
  test('issues a text/plain token and echoes the TTL', async () => {
    bed.use(MACHINE);
    const res = await putToken({ 'X-aws-ec2-metadata-token-ttl-seconds': '21600' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('x-aws-ec2-metadata-token-ttl-seconds')).toBe('21600');
    expect(await res.text()).toMatch(/^[A-Za-z0-9+/]{40,}={0,2}$/);
  });

  test.each([[undefined], ['0'], ['21601'], ['abc'], ['1.5'], ['-5'], [''], ['+60']])('TTL %j → 400 with the IMDS page', async (ttl) => {
    bed.use(MACHINE);
    const res = await putToken(ttl === undefined ? {} : { 'X-aws-ec2-metadata-token-ttl-seconds': ttl });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toBe(awsErrorPage(400));
  });

  test('TTL bounds 1 and 21600 are accepted', async () => {
    bed.use(MACHINE);
    expect((await putToken({ 'X-aws-ec2-metadata-token-ttl-seconds': '1' })).status).toBe(200);
    expect((await putToken({ 'X-aws-ec2-metadata-token-ttl-seconds': '21600' })).status).toBe(200);
  });

  test('a request carrying X-Forwarded-For is refused with 403', async () => {
    bed.use(MACHINE);
    const res = await putToken({ 'X-aws-ec2-metadata-token-ttl-seconds': '60', 'X-Forwarded-For': '10.1.2.3' });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(awsErrorPage(403));
  });
});

describe('awsGetIdentityDocument / awsGetIdentitySignature', () => {
  test('the document is AWS-formatted JSON, byte for byte', async () => {
    bed.use(MACHINE);
    const res = await get('document', await token());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toBe(EXPECTED_DOCUMENT);
  });

  test.each([['document'], ['signature']] as const)('%s without a token, or with a forged one → 401, empty body', async (what) => {
    bed.use(MACHINE);
    for (const tok of [undefined, '', 'faketoken', 'AQAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const res = await get(what, tok);
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('');
    }
  });

  test('a token is valid for exactly its TTL', async () => {
    bed.use(MACHINE);
    const tok = await token('10');
    bed.clock.now = new Date(T0.getTime() + 9_999);
    expect((await get('document', tok)).status).toBe(200);
    bed.clock.now = new Date(T0.getTime() + 10_000);
    const res = await get('document', tok);
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('');
  });

  test('a token with one character changed is refused', async () => {
    bed.use(MACHINE);
    const tok = await token();
    const flipped = tok[5] === 'A' ? 'B' : 'A';
    expect((await get('signature', tok.slice(0, 5) + flipped + tok.slice(6))).status).toBe(401);
  });

  test('signature round trip through verifyAwsIdentity', async () => {
    bed.use(MACHINE);
    const tok = await token();
    const signature = await (await get('signature', tok)).text();
    const document = await (await get('document', tok)).text();
    const lines = signature.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(0, -1).every((l) => l.length === 64)).toBe(true);
    expect(signature.endsWith('\n')).toBe(false);
    expect(verifyAwsIdentity(bed.keys(), signature, document)).toEqual({ ok: true, instanceId: 'i-0123456789abcdef0' });
  });

  test('a foreign implementation can check the signature with node:crypto and the exported certificate only', async () => {
    bed.use(MACHINE);
    const tok = await token();
    const signature = await (await get('signature', tok)).text();
    const document = await (await get('document', tok)).text();
    const cert = new X509Certificate(bed.keys().aws.certificatePem);
    expect(cert.subject).toContain('O=coder-agent-conformance TEST ONLY');
    expect(verify('sha256', Buffer.from(document), cert.publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    expect(verify('sha256', Buffer.from(document + ' '), cert.publicKey, Buffer.from(signature, 'base64'))).toBe(false);
  });
});

describe('verifyAwsIdentity failures (coderd detail texts)', () => {
  test('tampered document → crypto/rsa: verification error', async () => {
    bed.use(MACHINE);
    const tok = await token();
    const signature = await (await get('signature', tok)).text();
    const tampered = EXPECTED_DOCUMENT.replace('i-0123456789abcdef0', 'i-0123456789abcdef1');
    expect(verifyAwsIdentity(bed.keys(), signature, tampered)).toEqual({ ok: false, detail: 'crypto/rsa: verification error' });
  });

  test('document and signature errors read like Go', () => {
    const keys = bed.keys();
    expect(verifyAwsIdentity(keys, 'QUJD', '')).toEqual({ ok: false, detail: 'parse document: unexpected end of JSON input' });
    expect(verifyAwsIdentity(keys, 'QUJD', '{"instanceId":1}')).toEqual({
      ok: false,
      detail: 'parse document: json: cannot unmarshal number into Go struct field awsInstanceIdentityDocument.instanceId of type string',
    });
    expect(verifyAwsIdentity(keys, 'not base64!', '{"instanceId":"i-1"}')).toEqual({
      ok: false,
      detail: 'decode signature: illegal base64 data at input byte 3',
    });
    expect(verifyAwsIdentity(keys, 'QUJD', '{"instanceId":"i-1"}')).toEqual({ ok: false, detail: 'crypto/rsa: verification error' });
    // The XHTML page an IMDS error returns, forwarded as the document by a client that ignores status codes.
    expect(verifyAwsIdentity(keys, '', awsErrorPage(404))).toEqual({
      ok: false,
      detail: "parse document: invalid character '<' looking for beginning of value",
    });
  });
});

describe('not that cloud, and handler names', () => {
  test("a machine on another cloud answers AWS paths with that cloud's 404", async () => {
    bed.use({ gcp: { instanceId: '1' } });
    const res = await putToken({ 'X-aws-ec2-metadata-token-ttl-seconds': '60' });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('Not Found\n');
    bed.use({});
    const none = await get('document', 'x');
    expect(none.status).toBe(404);
    expect(await none.text()).toBe('');
  });

  test('other IMDS paths answer the IMDS 404 page', async () => {
    bed.use(MACHINE);
    const res = await fetch(`${IMDS}/latest/meta-data/instance-id`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(awsErrorPage(404));
  });

  test('each request is answered by the handler of its operationId', async () => {
    bed.use(MACHINE);
    const put = new Request(`${IMDS}/latest/api/token`, { method: 'PUT', headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '5' } });
    expect(await bed.answeredBy(put)).toBe('awsPutToken');
    expect(await bed.answeredBy(new Request(`${IMDS}/latest/dynamic/instance-identity/signature`))).toBe('awsGetIdentitySignature');
    expect(await bed.answeredBy(new Request(`${IMDS}/latest/dynamic/instance-identity/document`))).toBe('awsGetIdentityDocument');
    expect(await bed.answeredBy(new Request(`${IMDS}/latest/meta-data/`))).toBe('awsNotFound');
  });
});

describe('verifyAwsIdentity robustness', () => {
  test('never throws on arbitrary signature/document text', async () => {
    const fc = await import('fast-check');
    const keys = bed.keys();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String()), fc.oneof(fc.string(), fc.json()), (signature, document) => {
        const r = verifyAwsIdentity(keys, signature, document);
        return !r.ok && r.detail.length > 0;
      }),
      { numRuns: runs(300) },
    );
  });
});
