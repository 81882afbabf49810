// GCE metadata simulator and the Google verifier: header/query rules, claims, expiry, wrong keys, claim decoding.
import { describe, expect, test } from 'vitest';
import { GCP_ERRORS } from './choices.ts';
import { createGcpKeys } from './keys.ts';
import { serviceAccountUniqueId, signJwt } from './gcp-token.ts';
import { verifyGoogleIdentity } from './verify-google.ts';
import { T0, metadataTestBed } from './test-server.ts';
import { runs } from '../../testing/properties.ts';

const bed = metadataTestBed();
const MACHINE = {
  gcp: { instanceId: '5915414316487305842', projectId: 'coder-conformance', zone: 'us-central1-a', instanceName: 'dev-vm', serviceAccounts: ['default'] },
};
const PATH = '/computeMetadata/v1/instance/service-accounts/default/identity';
const FLAVOR = { 'Metadata-Flavor': 'Google' };
const T0_SEC = Math.floor(T0.getTime() / 1000);
const DEFAULT_EMAIL = '123456789012-compute@developer.gserviceaccount.com';

function decodePart(jwt: string, i: 0 | 1): unknown {
  return JSON.parse(Buffer.from(jwt.split('.')[i], 'base64url').toString('utf8'));
}

async function identity(origin = 'http://169.254.169.254', query = '?audience=coder&format=full', headers: Record<string, string> = FLAVOR) {
  return fetch(`${origin}${PATH}${query}`, { headers });
}

describe('gcpGetIdentityToken', () => {
  test('format=full token: header, claims and response headers exactly', async () => {
    bed.use(MACHINE);
    const res = await identity();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/text');
    expect(res.headers.get('metadata-flavor')).toBe('Google');
    const jwt = await res.text();
    expect(decodePart(jwt, 0)).toEqual({ alg: 'RS256', kid: bed.keys().gcp.kid, typ: 'JWT' });
    const id = serviceAccountUniqueId(DEFAULT_EMAIL);
    expect(id).toMatch(/^1[0-9]{20}$/);
    expect(Buffer.from(jwt.split('.')[1], 'base64url').toString()).toBe(
      JSON.stringify({
        aud: 'coder',
        azp: id,
        email: DEFAULT_EMAIL,
        email_verified: true,
        exp: T0_SEC + 3600,
        google: {
          compute_engine: {
            instance_creation_timestamp: 1767225600,
            instance_id: '5915414316487305842',
            instance_name: 'dev-vm',
            project_id: 'coder-conformance',
            project_number: 123456789012,
            zone: 'us-central1-a',
          },
        },
        iat: T0_SEC,
        iss: 'https://accounts.google.com',
        sub: id,
      }),
    );
  });

  test('standard format has no google/email claims and audience is taken as given', async () => {
    bed.use(MACHINE);
    const jwt = await (await identity('http://169.254.169.254', '?audience=https%3A%2F%2Fexample.test')).text();
    expect(decodePart(jwt, 1)).toEqual({
      aud: 'https://example.test',
      azp: serviceAccountUniqueId(DEFAULT_EMAIL),
      exp: T0_SEC + 3600,
      iat: T0_SEC,
      iss: 'https://accounts.google.com',
      sub: serviceAccountUniqueId(DEFAULT_EMAIL),
    });
  });

  test('answers on metadata.google.internal and on any origin (GCE_METADATA_HOST)', async () => {
    bed.use(MACHINE);
    for (const origin of ['http://metadata.google.internal', 'http://127.0.0.1:1', 'http://localhost:9']) {
      const res = await identity(origin);
      expect(res.status).toBe(200);
      expect(await bed.answeredBy(new Request(`${origin}${PATH}?audience=coder`, { headers: FLAVOR }))).toBe('gcpGetIdentityToken');
    }
  });

  test.each([[{}], [{ 'Metadata-Flavor': 'google' }], [{ 'Metadata-Flavor': 'Googl' }]])('Metadata-Flavor %j → 403 text', async (headers) => {
    bed.use(MACHINE);
    const res = await identity(undefined, undefined, headers);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe(GCP_ERRORS.missingFlavor);
  });

  test('a proxied request (X-Forwarded-For) → 403, before the flavor check', async () => {
    bed.use(MACHINE);
    for (const headers of [{ ...FLAVOR, 'X-Forwarded-For': '10.0.0.1' }, { 'X-Forwarded-For': '10.0.0.1' }]) {
      const res = await identity(undefined, undefined, headers);
      expect(res.status).toBe(403);
      expect(await res.text()).toBe(GCP_ERRORS.forwarded);
    }
  });

  test('missing or empty audience → 400', async () => {
    bed.use(MACHINE);
    for (const q of ['', '?format=full', '?audience=']) {
      const res = await identity(undefined, q);
      expect(res.status).toBe(400);
      expect(await res.text()).toBe(GCP_ERRORS.missingAudience);
    }
  });

  test('unknown service account → 404; a configured account answers by alias or email', async () => {
    bed.use({ gcp: { ...MACHINE.gcp, serviceAccounts: ['default', 'builder'] } });
    const other = await fetch('http://169.254.169.254/computeMetadata/v1/instance/service-accounts/nobody/identity?audience=coder', { headers: FLAVOR });
    expect(other.status).toBe(404);
    expect(await other.text()).toBe(GCP_ERRORS.notFound);
    for (const sa of ['builder', 'builder@coder-conformance.iam.gserviceaccount.com', DEFAULT_EMAIL]) {
      const res = await fetch(`http://169.254.169.254/computeMetadata/v1/instance/service-accounts/${sa}/identity?audience=coder`, { headers: FLAVOR });
      expect(res.status).toBe(200);
    }
  });

  test('machine.gcp.expired issues an already-expired token', async () => {
    bed.use({ gcp: { ...MACHINE.gcp, expired: true } });
    const jwt = await (await identity()).text();
    expect(decodePart(jwt, 1)).toMatchObject({ iat: T0_SEC - 7200, exp: T0_SEC - 3600 });
    expect(await verifyGoogleIdentity(bed.keys(), jwt, T0)).toEqual({
      ok: false,
      status: 401,
      detail: `idtoken: token expired: now=${T0_SEC}, expires=${T0_SEC - 3600}`,
    });
  });

  test("no GCP on the machine → the host cloud's 404", async () => {
    bed.use({ azure: { vmId: 'v' } });
    const res = await identity();
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('{"error":"Not found"}');
  });
});

describe('gcpGetCerts', () => {
  test('serves the JWKS at googleapis.com and on any origin', async () => {
    bed.use({});
    for (const url of ['https://www.googleapis.com/oauth2/v3/certs', 'http://127.0.0.1:1/oauth2/v3/certs']) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
      const body = await res.text();
      expect(body).toBe(JSON.stringify(bed.keys().gcp.jwks, null, 2) + '\n');
      const jwk = JSON.parse(body).keys[0];
      expect(Object.keys(jwk)).toEqual(['e', 'kty', 'alg', 'n', 'use', 'kid']);
      expect(jwk).toMatchObject({ e: 'AQAB', kty: 'RSA', alg: 'RS256', use: 'sig', kid: bed.keys().gcp.kid });
    }
  });
});

describe('verifyGoogleIdentity', () => {
  test('round trip: full token gives the instance id; standard token gives "" (claim missing)', async () => {
    bed.use(MACHINE);
    const full = await (await identity()).text();
    expect(await verifyGoogleIdentity(bed.keys(), full, T0)).toEqual({ ok: true, instanceId: '5915414316487305842' });
    const standard = await (await identity(undefined, '?audience=coder')).text();
    expect(await verifyGoogleIdentity(bed.keys(), standard, T0)).toEqual({ ok: true, instanceId: '' });
  });

  test('expiry: valid through exp, expired one second later; a token without exp is expired', async () => {
    bed.use(MACHINE);
    const jwt = await (await identity()).text();
    expect((await verifyGoogleIdentity(bed.keys(), jwt, new Date((T0_SEC + 3600) * 1000 + 999))).ok).toBe(true);
    expect(await verifyGoogleIdentity(bed.keys(), jwt, new Date((T0_SEC + 3601) * 1000))).toEqual({
      ok: false,
      status: 401,
      detail: `idtoken: token expired: now=${T0_SEC + 3601}, expires=${T0_SEC + 3600}`,
    });
    const noExp = await signJwt(bed.keys().gcp, { google: { compute_engine: { instance_id: 'x' } } });
    expect(await verifyGoogleIdentity(bed.keys(), noExp, T0)).toEqual({
      ok: false,
      status: 401,
      detail: `idtoken: token expired: now=${T0_SEC}, expires=0`,
    });
  });

  test('wrong key with the same kid → crypto/rsa: verification error; unknown kid → no matching cert', async () => {
    const keys = bed.keys();
    const claims = { exp: T0_SEC + 60, google: { compute_engine: { instance_id: 'x' } } };
    const impostor = await createGcpKeys(keys.gcp.kid);
    expect(await verifyGoogleIdentity(keys, await signJwt(impostor, claims), T0)).toEqual({
      ok: false,
      status: 401,
      detail: 'crypto/rsa: verification error',
    });
    const stranger = await createGcpKeys('some-other-kid');
    expect(await verifyGoogleIdentity(keys, await signJwt(stranger, claims), T0)).toEqual({
      ok: false,
      status: 401,
      detail: 'idtoken: could not find matching cert keyId for the token provided',
    });
    expect(await verifyGoogleIdentity(keys, await signJwt(keys.gcp, claims, { alg: 'HS256' }), T0)).toEqual({
      ok: false,
      status: 401,
      detail: 'idtoken: expected JWT signed with RS256 or ES256 but found "HS256"',
    });
  });

  test('a tampered payload fails the signature', async () => {
    bed.use(MACHINE);
    const [h, , s] = (await (await identity()).text()).split('.');
    const forged = Buffer.from(JSON.stringify({ exp: T0_SEC + 60, google: { compute_engine: { instance_id: 'other' } } })).toString('base64url');
    expect(await verifyGoogleIdentity(bed.keys(), `${h}.${forged}.${s}`, T0)).toEqual({
      ok: false,
      status: 401,
      detail: 'crypto/rsa: verification error',
    });
  });

  test("malformed tokens give idtoken's texts", async () => {
    const keys = bed.keys();
    const b = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const cases: [string, string][] = [
      ['', 'idtoken: invalid token, token must have three segments; found 1'],
      ['a.b', 'idtoken: invalid token, token must have three segments; found 2'],
      ['!.b.c', 'idtoken: unable to decode JWT header: illegal base64 data at input byte 0'],
      [`${b('x')}.${b({})}.c`, 'idtoken: unable to unmarshal JWT header: json: cannot unmarshal string into Go value of type idtoken.jwtHeader'],
      [`${b({ alg: 'RS256' })}.e3!.c`, 'idtoken: unable to decode JWT payload: illegal base64 data at input byte 2'],
      [`${b({ alg: 'RS256' })}.e30x.c`, "idtoken: unable to unmarshal JWT payload: invalid character '1' after top-level value"],
      [
        `${b({ alg: 'RS256' })}.${b({ exp: '1' })}.c`,
        'idtoken: unable to unmarshal JWT payload: json: cannot unmarshal string into Go struct field Payload.exp of type int64',
      ],
      [`${b({ alg: 'RS256' })}.${b({ exp: T0_SEC + 9 })}.c=`, 'idtoken: unable to decode JWT signature: illegal base64 data at input byte 1'],
      // The Payload struct skips an unknown key unread; the Claims map (the same bytes again) cannot hold 1e400.
      [
        `${b({ alg: 'RS256' })}.${Buffer.from('{"exp":1,"x":1e400}').toString('base64url')}.AA`,
        'idtoken: unable to unmarshal JWT payload claims: json: cannot unmarshal number 1e400 into Go value of type float64',
      ],
      // exp is an int64: printed exactly (a float64 would print -9223372036854776000).
      [
        `${b({ alg: 'RS256' })}.${Buffer.from('{"exp":-9223372036854775807}').toString('base64url')}.AA`,
        `idtoken: token expired: now=${T0_SEC}, expires=-9223372036854775807`,
      ],
    ];
    for (const [jwt, detail] of cases) expect(await verifyGoogleIdentity(keys, jwt, T0)).toEqual({ ok: false, status: 401, detail });
  });

  test("a claim of the wrong type → 400 with mapstructure's text", async () => {
    const keys = bed.keys();
    const sign = (google: unknown) => signJwt(keys.gcp, { exp: T0_SEC + 60, google });
    expect(await verifyGoogleIdentity(keys, await sign({ compute_engine: { instance_id: 123 } }), T0)).toEqual({
      ok: false,
      status: 400,
      detail: "1 error(s) decoding:\n\n* 'google.compute_engine.instance_id' expected type 'string', got unconvertible type 'float64', value: '123'",
    });
    expect(await verifyGoogleIdentity(keys, await sign('gce'), T0)).toEqual({
      ok: false,
      status: 400,
      detail: "1 error(s) decoding:\n\n* 'google' expected a map, got 'string'",
    });
    expect(await verifyGoogleIdentity(keys, await sign({ compute_engine: [1, 'a'] }), T0)).toEqual({
      ok: false,
      status: 400,
      detail: "1 error(s) decoding:\n\n* 'google.compute_engine' expected a map, got 'slice'",
    });
    expect(await verifyGoogleIdentity(keys, await sign({ Compute_Engine: { INSTANCE_ID: 'folded' } }), T0)).toEqual({ ok: true, instanceId: 'folded' });
    expect(await verifyGoogleIdentity(keys, await sign(null), T0)).toEqual({ ok: true, instanceId: '' });
  });

  test('never throws on arbitrary input', async () => {
    const fc = await import('fast-check');
    const keys = bed.keys();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string(), fc.base64String()), { maxLength: 4 }), async (parts) => {
        const r = await verifyGoogleIdentity(keys, parts.join('.'), T0);
        return !r.ok && r.detail.length > 0;
      }),
      { numRuns: runs(200) },
    );
  });
});
