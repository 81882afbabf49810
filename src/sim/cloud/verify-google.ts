// coderd's GCP identity check: google.golang.org/api/idtoken Validate(ctx, jwt, "") (a recent
// release: audience not checked; expiry, with now/exp in the text, checked before the signature)
// against the suite's JWKS, then mapstructure decoding of google.compute_engine.instance_id (400 on
// a claim of the wrong type).
import { importJWK } from 'jose';
import { webcrypto } from 'node:crypto';
import { jsonUnmarshal, quote, unmarshalGoStruct, type GoStructType } from '../../go/index.ts';
import { RawURLEncoding, goBase64Decode } from './gobase64.ts';
import type { CloudKeys } from './keys.ts';
import { decodeComputeEngineInstanceId } from './mapstructure.ts';
import type { GoogleVerifyResult } from './verify-result.ts';
import { RSA_VERIFICATION_ERROR } from './verify-aws.ts';

const HEADER: GoStructType = {
  typeName: 'idtoken.jwtHeader',
  structName: 'jwtHeader',
  fields: [
    ['alg', { kind: 'string' }],
    ['typ', { kind: 'string' }],
    ['kid', { kind: 'string' }],
  ],
};
const PAYLOAD: GoStructType = {
  typeName: 'idtoken.Payload',
  structName: 'Payload',
  fields: [
    ['iss', { kind: 'string' }],
    ['aud', { kind: 'string' }],
    ['exp', { kind: 'int64' }],
    ['iat', { kind: 'int64' }],
    ['sub', { kind: 'string' }],
  ],
};

const fail = (detail: string, status: 401 | 400 = 401): GoogleVerifyResult => ({ ok: false, status, detail });

export async function verifyGoogleIdentity(keys: CloudKeys, jwt: string, now: Date = new Date()): Promise<GoogleVerifyResult> {
  const segments = jwt.split('.');
  if (segments.length !== 3) return fail(`idtoken: invalid token, token must have three segments; found ${segments.length}`);
  const [h, p, s] = segments;

  const headerBytes = goBase64Decode(RawURLEncoding, h);
  if (!headerBytes.ok) return fail(`idtoken: unable to decode JWT header: ${headerBytes.error}`);
  const header = unmarshalGoStruct(HEADER, headerBytes.bytes);
  if (!header.ok) return fail(`idtoken: unable to unmarshal JWT header: ${header.error}`);

  const payloadBytes = goBase64Decode(RawURLEncoding, p);
  if (!payloadBytes.ok) return fail(`idtoken: unable to decode JWT payload: ${payloadBytes.error}`);
  const payload = unmarshalGoStruct(PAYLOAD, payloadBytes.bytes);
  if (!payload.ok) return fail(`idtoken: unable to unmarshal JWT payload: ${payload.error}`);
  // Payload.Claims: the same bytes unmarshalled into map[string]interface{}.
  const claimsMap = jsonUnmarshal(payloadBytes.bytes);
  if (!claimsMap.ok) return fail(`idtoken: unable to unmarshal JWT payload claims: ${claimsMap.error}`);

  const sig = goBase64Decode(RawURLEncoding, s);
  if (!sig.ok) return fail(`idtoken: unable to decode JWT signature: ${sig.error}`);

  const nowSec = Math.floor(now.getTime() / 1000);
  const exp = payload.value.exp as bigint; // int64, printed exactly as Go's %d
  if (BigInt(nowSec) > exp) return fail(`idtoken: token expired: now=${nowSec}, expires=${exp}`);

  const alg = String(header.value.alg);
  if (alg !== 'RS256' && alg !== 'ES256') return fail(`idtoken: expected JWT signed with RS256 or ES256 but found ${quote(alg)}`);
  // ES256 tokens are checked against Google's IAP keys, of which the suite has none.
  const jwk = alg === 'RS256' ? keys.gcp.jwks.keys.find((k) => k.kid === header.value.kid) : undefined;
  if (!jwk) return fail('idtoken: could not find matching cert keyId for the token provided');
  const key = (await importJWK(jwk, 'RS256')) as CryptoKey;
  const valid = await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, sig.bytes, Buffer.from(`${h}.${p}`, 'utf8'));
  if (!valid) return fail(RSA_VERIFICATION_ERROR);

  const claims = decodeComputeEngineInstanceId((claimsMap.value ?? {}) as Record<string, unknown>);
  if (!claims.ok) return fail(claims.error, 400);
  return { ok: true, instanceId: claims.instanceId };
}
