// GCE instance identity tokens: RS256 JWTs signed with the suite's GCP key, with the claims the
// metadata server issues (standard, or `format=full` with the google.compute_engine block).
import { createHash, webcrypto } from 'node:crypto';
import { GCP_EXPIRED_BY_SECONDS, GCP_TOKEN_LIFETIME_SECONDS } from './choices.ts';
import type { ResolvedGcp } from './config.ts';
import type { GcpKeys } from './keys.ts';

export const GOOGLE_ISSUER = 'https://accounts.google.com';

const b64url = (data: Uint8Array | string) => Buffer.from(data).toString('base64url');

/** The email a service account name stands for: `default` is the Compute Engine default account. */
export function serviceAccountEmail(gcp: ResolvedGcp, name: string): string {
  if (name === 'default') return `${gcp.projectNumber}-compute@developer.gserviceaccount.com`;
  return name.includes('@') ? name : `${name}@${gcp.projectId}.iam.gserviceaccount.com`;
}

/** The configured account a path segment names (by alias or by email), or undefined. */
export function findServiceAccount(gcp: ResolvedGcp, segment: string): string | undefined {
  return gcp.serviceAccounts.find((name) => name === segment || serviceAccountEmail(gcp, name) === segment);
}

/** A stable 21-digit numeric ID for an account email (Google's `sub`/`azp` are such numbers). */
export function serviceAccountUniqueId(email: string): string {
  const n = BigInt('0x' + createHash('sha256').update(email).digest('hex').slice(0, 24)) % 10n ** 20n;
  return '1' + n.toString().padStart(20, '0');
}

export interface IdentityRequest {
  account: string;
  audience: string;
  full: boolean;
  now: Date;
}

/** Claims in Google's (alphabetical) order. */
export function identityClaims(gcp: ResolvedGcp, req: IdentityRequest): Record<string, unknown> {
  const nowSec = Math.floor(req.now.getTime() / 1000);
  const iat = gcp.expired ? nowSec - GCP_TOKEN_LIFETIME_SECONDS - GCP_EXPIRED_BY_SECONDS : nowSec;
  const email = serviceAccountEmail(gcp, req.account);
  const id = serviceAccountUniqueId(email);
  const claims: Record<string, unknown> = { aud: req.audience, azp: id };
  if (req.full) {
    claims.email = email;
    claims.email_verified = true;
  }
  claims.exp = iat + GCP_TOKEN_LIFETIME_SECONDS;
  if (req.full && gcp.googleClaim !== undefined) claims.google = gcp.googleClaim;
  else if (req.full) {
    claims.google = {
      compute_engine: {
        instance_creation_timestamp: gcp.instanceCreationTimestamp,
        instance_id: gcp.instanceId,
        instance_name: gcp.instanceName,
        project_id: gcp.projectId,
        project_number: gcp.projectNumber,
        zone: gcp.zone,
      },
    };
  }
  claims.iat = iat;
  claims.iss = GOOGLE_ISSUER;
  claims.sub = id;
  return claims;
}

/** Compact RS256 JWS of arbitrary claims with header {alg, kid, typ}. */
export async function signJwt(keys: GcpKeys, claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const head = b64url(JSON.stringify({ alg: 'RS256', kid: keys.kid, typ: 'JWT', ...header }));
  const body = b64url(JSON.stringify(claims));
  const input = `${head}.${body}`;
  const sig = await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', keys.privateKey, Buffer.from(input));
  return `${input}.${b64url(new Uint8Array(sig))}`;
}
