// coderd's AWS identity check (coderd/awsidentity) against the suite's regional certificate:
// parse the document for instanceId, std-base64-decode the signature, RSA PKCS#1 v1.5 SHA-256.
import { X509Certificate, verify } from 'node:crypto';
import { unmarshalGoStruct, type GoStructType } from '../../go/index.ts';
import { StdEncoding, goBase64Decode } from './gobase64.ts';
import type { CloudKeys } from './keys.ts';
import type { VerifyResult } from './verify-result.ts';

const DOCUMENT: GoStructType = {
  typeName: 'awsidentity.awsInstanceIdentityDocument',
  structName: 'awsInstanceIdentityDocument',
  fields: [['instanceId', { kind: 'string' }]],
};

export const RSA_VERIFICATION_ERROR = 'crypto/rsa: verification error';

export function verifyAwsIdentity(keys: CloudKeys, signature: string, document: string): VerifyResult {
  const parsed = unmarshalGoStruct(DOCUMENT, document);
  if (!parsed.ok) return { ok: false, detail: `parse document: ${parsed.error}` };
  const raw = goBase64Decode(StdEncoding, signature);
  if (!raw.ok) return { ok: false, detail: `decode signature: ${raw.error}` };
  // Only the certificate's key is used, as upstream does (no validity or chain check).
  const publicKey = new X509Certificate(keys.aws.certificatePem).publicKey;
  let valid = false;
  try {
    valid = verify('sha256', Buffer.from(document, 'utf8'), publicKey, raw.bytes);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, detail: RSA_VERIFICATION_ERROR };
  return { ok: true, instanceId: String(parsed.value.instanceId) };
}
