// coderd's Azure identity check (coderd/azureidentity) against the suite's test CA (standing in for
// the system roots): base64 → PKCS#7 → exactly one signer → CN allow-list, then by era:
// * `chain-only` (go.mozilla.org/pkcs7, v2.30.0 azureidentity.go:39-115): Go x509 Verify of the signer
//   certificate only (`verify signature: x509: ...`; an unknown authority, after fetching the leaf's
//   issuing-certificate URLs (it has none), is the raw x509 error); the content is not checked, so
//   changed content is accepted and its vmId used;
// * `content-and-chain` (smallstep/pkcs7 VerifyWithChainAtTime, v2.34.3+ azureidentity.go:213-320):
//   content signature and chain together; any failure, after the (empty) fetch of issuing
//   certificates, is `signature verification failed after fetching issuing certificates`.
// Then the vmId from the signed JSON.
import { X509Certificate } from 'node:crypto';
import type * as pkijs from 'pkijs';
import { quote, unmarshalGoStruct, type GoStructType } from '../../go/index.ts';
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
 * Go x509 Verify of the leaf against the suite CA only: validity, then issuer name and signature,
 * then the extended key usage (chain-only: upstream passes no KeyUsages, so Go asks for serverAuth;
 * smallstep's verifyCertChain asks for ExtKeyUsageAny, so no check).
 */
function verifyChain(keys: CloudKeys, leaf: pkijs.Certificate, now: Date, checkServerAuth: boolean): string | null {
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
  if (checkServerAuth && eku !== undefined && !eku.includes(EKU_SERVER_AUTH) && !eku.includes(EKU_ANY)) {
    return 'verify signature: x509: certificate specifies an incompatible key usage';
  }
  return null;
}

/** Which upstream azureidentity.Validate runs (the revision trait `azureContentSignature`). */
export type AzureVerifyMode = 'chain-only' | 'content-and-chain';

/** azureidentity.Validate's text for every failure of VerifyWithChainAtTime (no issuing-certificate URLs to fetch). */
export const AZURE_VERIFY_FAILED = 'signature verification failed after fetching issuing certificates';

export function verifyAzureIdentity(keys: CloudKeys, signature: string, now: Date = new Date(), mode: AzureVerifyMode = 'content-and-chain'): VerifyResult {
  try {
    return verifySteps(keys, signature, now, mode);
  } catch (e) {
    // A proof is client input: whatever the ASN.1/X.509 libraries throw on is a failed check (401),
    // never a simulator crash. Parsed structures that still trip them end here.
    return { ok: false, detail: `parse pkcs7: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function verifySteps(keys: CloudKeys, signature: string, now: Date, mode: AzureVerifyMode): VerifyResult {
  const raw = goBase64Decode(StdEncoding, signature);
  if (!raw.ok) return { ok: false, detail: `decode base64: ${raw.error}` };
  const parsed = parsePkcs7(raw.bytes);
  if (!parsed.ok) return { ok: false, detail: `parse pkcs7: ${parsed.error}` };
  const leaf = onlySignerCertificate(parsed.p7);
  if (!leaf) return { ok: false, detail: 'no signers for signature' };
  const cn = commonNameOf(leaf);
  if (!AZURE_ALLOWED_SIGNERS.test(cn)) return { ok: false, detail: `unmatched common name of signer: ${quote(cn)}` };
  // content-and-chain: smallstep also checks the signing-time attribute against the leaf's validity;
  // the suite signs at the current time with a valid leaf, so only the expired leaf meets it, and
  // every failure has the same text.
  const chainError = verifyChain(keys, leaf, now, mode === 'chain-only');
  if (mode === 'chain-only') {
    if (chainError !== null) return { ok: false, detail: chainError };
  } else if (chainError !== null || checkContentSignature(parsed.p7, leaf) !== null) {
    return { ok: false, detail: AZURE_VERIFY_FAILED };
  }
  const metadata = unmarshalGoStruct(METADATA, parsed.p7.content);
  if (!metadata.ok) return { ok: false, detail: `unmarshal metadata: ${metadata.error}` };
  return { ok: true, instanceId: String(metadata.value.vmId) };
}
