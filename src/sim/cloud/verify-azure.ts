// coderd's Azure identity check (coderd/azureidentity) against the suite's test CA: base64 →
// PKCS#7 → exactly one signer → CN allow-list → chain to the suite CA → content signature →
// vmId from the signed JSON. Texts per step; see AZURE_VERIFY_CONTENT_SIGNATURE in choices.ts.
import { X509Certificate } from 'node:crypto';
import type * as pkijs from 'pkijs';
import { decodeGoStruct, quote, type GoStructType } from '../../go/index.ts';
import { AZURE_VERIFY_CONTENT_SIGNATURE } from './choices.ts';
import { StdEncoding, goBase64Decode } from './gobase64.ts';
import type { CloudKeys } from './keys.ts';
import { checkContentSignature, onlySignerCertificate, parsePkcs7 } from './pkcs7.ts';
import type { VerifyResult } from './verify-result.ts';
import { commonNameOf } from './x509.ts';

/** Upstream's allow-list of signer common names. */
export const AZURE_ALLOWED_SIGNERS = /^(.*\.)?metadata\.(azure\.(com|us|cn)|microsoftazure\.de)$/;

const METADATA: GoStructType = { typeName: 'azureidentity.metadata', structName: 'metadata', fields: [['vmId', { kind: 'string' }]] };

/** Go time.Format(time.RFC3339) of a UTC time. */
const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

const derOf = (c: pkijs.Certificate) => Buffer.from(c.toSchema(true).toBER(false));

const EKU_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const EKU_ANY = '2.5.29.37.0';

/**
 * Go x509 Verify of the leaf against the suite CA only (upstream passes no KeyUsages, so Go asks
 * for serverAuth): validity, then issuer name and signature, then the extended key usage.
 */
function verifyChain(keys: CloudKeys, leaf: pkijs.Certificate, now: Date): string | null {
  const notBefore = leaf.notBefore.value;
  const notAfter = leaf.notAfter.value;
  if (now > notAfter) return `verify signature: x509: certificate has expired or is not yet valid: current time ${rfc3339(now)} is after ${rfc3339(notAfter)}`;
  if (now < notBefore)
    return `verify signature: x509: certificate has expired or is not yet valid: current time ${rfc3339(now)} is before ${rfc3339(notBefore)}`;
  const leafX = new X509Certificate(derOf(leaf));
  const ca = new X509Certificate(Buffer.from(keys.azure.ca.der));
  // No issuing-certificate URL in the leaf, so upstream's fetch-and-retry ends with the raw error.
  if (!leafX.checkIssued(ca) || !leafX.verify(ca.publicKey)) return 'x509: certificate signed by unknown authority';
  const eku = leafX.keyUsage;
  if (eku !== undefined && !eku.includes(EKU_SERVER_AUTH) && !eku.includes(EKU_ANY)) {
    return 'verify signature: x509: certificate specifies an incompatible key usage';
  }
  return null;
}

export function verifyAzureIdentity(keys: CloudKeys, signature: string, now: Date = new Date()): VerifyResult {
  try {
    return verifySteps(keys, signature, now);
  } catch (e) {
    // A proof is client input: whatever the ASN.1/X.509 libraries throw on is a failed check (401),
    // never a simulator crash. Parsed structures that still trip them end here.
    return { ok: false, detail: `parse pkcs7: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function verifySteps(keys: CloudKeys, signature: string, now: Date): VerifyResult {
  const raw = goBase64Decode(StdEncoding, signature);
  if (!raw.ok) return { ok: false, detail: `decode base64: ${raw.error}` };
  const parsed = parsePkcs7(raw.bytes);
  if (!parsed.ok) return { ok: false, detail: `parse pkcs7: ${parsed.error}` };
  const leaf = onlySignerCertificate(parsed.p7);
  if (!leaf) return { ok: false, detail: 'no signers for signature' };
  const cn = commonNameOf(leaf);
  if (!AZURE_ALLOWED_SIGNERS.test(cn)) return { ok: false, detail: `unmatched common name of signer: ${quote(cn)}` };
  const chainError = verifyChain(keys, leaf, now);
  if (chainError !== null) return { ok: false, detail: chainError };
  if (AZURE_VERIFY_CONTENT_SIGNATURE) {
    const sigError = checkContentSignature(parsed.p7, leaf);
    if (sigError !== null) return { ok: false, detail: `verify pkcs7: ${sigError}` };
  }
  const metadata = decodeGoStruct(METADATA, parsed.p7.content, { unmarshal: true });
  if (!metadata.ok) return { ok: false, detail: `unmarshal metadata: ${metadata.error}` };
  return { ok: true, instanceId: String(metadata.value.vmId) };
}
