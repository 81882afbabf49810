// The AWS instance identity document, byte for byte as IMDS formats it (Jackson's default pretty
// printer: two-space indent, `"key" : value`, no trailing newline), and its RSA-SHA256 signature.
import { sign } from 'node:crypto';
import { AWS_DOCUMENT_DEFAULTS, AWS_SIGNATURE_LINE_WIDTH } from './choices.ts';
import type { ResolvedAws } from './config.ts';
import type { AwsKeys } from './keys.ts';

type DocValue = string | null | string[];

function jacksonValue(v: DocValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? '[ ]' : `[ ${v.map((s) => JSON.stringify(s)).join(', ')} ]`;
  return JSON.stringify(v);
}

/** Jackson DefaultPrettyPrinter output of a flat object, in insertion order. */
export function jacksonPretty(obj: Record<string, DocValue>): string {
  const lines = Object.entries(obj).map(([k, v]) => `  ${JSON.stringify(k)} : ${jacksonValue(v)}`);
  return `{\n${lines.join(',\n')}\n}`;
}

/** The document in AWS's field order. */
export function awsIdentityDocument(m: ResolvedAws): string {
  return jacksonPretty({
    accountId: m.accountId,
    architecture: m.architecture,
    availabilityZone: m.availabilityZone,
    billingProducts: null,
    devpayProductCodes: null,
    marketplaceProductCodes: null,
    imageId: m.imageId,
    instanceId: m.instanceId,
    instanceType: m.instanceType,
    kernelId: null,
    pendingTime: m.pendingTime,
    privateIp: m.privateIp,
    ramdiskId: null,
    region: m.region,
    version: AWS_DOCUMENT_DEFAULTS.version,
  });
}

/** Base64 of the raw signature wrapped at AWS_SIGNATURE_LINE_WIDTH with `\n`, no trailing newline. */
export function wrapBase64(raw: Uint8Array): string {
  const b64 = Buffer.from(raw).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += AWS_SIGNATURE_LINE_WIDTH) lines.push(b64.slice(i, i + AWS_SIGNATURE_LINE_WIDTH));
  return lines.join('\n');
}

/** RSA PKCS#1 v1.5 over SHA-256 of the exact document bytes (UTF-8), as the IMDS `signature` body. */
export function signAwsDocument(keys: AwsKeys, document: string): string {
  return wrapBase64(sign('sha256', Buffer.from(document, 'utf8'), keys.privateKey));
}
