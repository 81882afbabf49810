// Azure's attested data: the JSON the PKCS#7 signature carries (field order and timestamp format
// as Azure IMDS writes them) and the default nonce.
import { AZURE_DOCUMENT_LIFETIME_SECONDS } from './choices.ts';
import type { ResolvedAzure } from './config.ts';

const p2 = (n: number) => String(n).padStart(2, '0');

/** `MM/dd/yy HH:mm:ss -0000` in UTC. */
export function azureTimestamp(d: Date): string {
  return `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(d.getUTCFullYear() % 100)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} -0000`;
}

/** Without a `nonce` query parameter Azure uses the current UTC time as `yyyyMMdd-HHmmss`. */
export function defaultNonce(d: Date): string {
  return `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}-${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}`;
}

export function attestedDocument(azure: ResolvedAzure, nonce: string, now: Date): string {
  const expires = new Date(now.getTime() + AZURE_DOCUMENT_LIFETIME_SECONDS * 1000);
  return JSON.stringify({
    licenseType: azure.licenseType,
    nonce,
    plan: { name: azure.plan.name, product: azure.plan.product, publisher: azure.plan.publisher },
    timeStamp: { createdOn: azureTimestamp(now), expiresOn: azureTimestamp(expires) },
    vmId: azure.vmId,
    subscriptionId: azure.subscriptionId,
    sku: azure.sku,
  });
}
