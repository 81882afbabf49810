// Response-side contract checks for every operation: declared statuses (and
// the revision-gated 409), content types, JSON and text bodies, required
// response headers, and the expires_at revision rule, with exact texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTRACT_REVISIONS } from './revision.ts';
import { createContractValidator, type ContractResponse } from './validator.ts';

const v = createContractValidator();
const JSON_CT: [string, string][] = [['Content-Type', 'application/json; charset=utf-8']];
const TEXT_CT: [string, string][] = [['Content-Type', 'text/plain; charset=utf-8']];
const HTML_CT: [string, string][] = [['Content-Type', 'text/html']];
const res = (status: number, headers: [string, string][], body: string): ContractResponse => ({ status, headers, body });
const json = (status: number, value: unknown) => res(status, JSON_CT, `${JSON.stringify(value)}\n`);

describe('instance-identity responses', () => {
  const ids = ['authAwsInstanceIdentity', 'authAzureInstanceIdentity', 'authGoogleInstanceIdentity'];
  const ok = json(200, { session_token: '11111111-1111-4111-8111-111111111111' });
  const ambiguous = json(409, { message: 'Multiple agents found with instance ID "i-0123456789abcdef0". Set CODER_AGENT_NAME to one of: alpha, beta' });

  for (const id of ids) {
    it(`${id}: accepts every declared outcome`, () => {
      expect(v.validateResponse(id, ok)).toEqual([]);
      expect(v.validateResponse(id, json(400, { message: 'Validation failed.', validations: [{ field: 'signature', detail: 'x' }] }))).toEqual([]);
      expect(v.validateResponse(id, json(401, { message: 'Invalid AWS identity.', detail: 'crypto/rsa: verification error' }))).toEqual([]);
      expect(v.validateResponse(id, json(404, { message: 'Instance with id "i-0123456789abcdef0" not found.' }))).toEqual([]);
      expect(v.validateResponse(id, ambiguous)).toEqual([]);
      expect(v.validateResponse(id, json(500, { message: 'Internal error fetching provisioner job agent.', detail: 'boom' }))).toEqual([]);
    });
    it(`${id}: 409 exists only from pr24325 on`, () => {
      const pre = createContractValidator({ revision: 'pre-agent-name' });
      expect(pre.validateResponse(id, ambiguous)).toEqual([
        `${id}: response status 409 is not declared for revision pre-agent-name (declared: 200, 400, 401, 404, 500)`,
      ]);
      for (const revision of ['pr24325', 'pr25443', 'pr26883'] as const) {
        expect(createContractValidator({ revision }).validateResponse(id, ambiguous)).toEqual([]);
      }
    });
  }

  const id = 'authAwsInstanceIdentity';
  it('reports a session token that is not a UUID, and a missing one', () => {
    expect(v.validateResponse(id, json(200, { session_token: 'test-session-token' }))).toEqual([
      `${id}: response 200 body at /session_token: must match format "uuid"`,
    ]);
    expect(v.validateResponse(id, json(200, {}))).toEqual([`${id}: response 200 body at /session_token: is required but missing`]);
  });
  it('reports error bodies that are not codersdk.Response', () => {
    expect(v.validateResponse(id, json(404, { detail: 'x' }))).toEqual([`${id}: response 404 body at /message: is required but missing`]);
    expect(v.validateResponse(id, json(400, { message: 'Validation failed.', validations: [{ field: 'signature' }] }))).toEqual([
      `${id}: response 400 body at /validations/0/detail: is required but missing`,
    ]);
    expect(v.validateResponse(id, json(400, { message: 7 }))).toEqual([`${id}: response 400 body at /message: must be string`]);
  });
  it('reports undeclared statuses, wrong content types, empty and non-JSON bodies', () => {
    expect(v.validateResponse(id, json(418, { message: 'teapot' }))).toEqual([
      `${id}: response status 418 is not declared for revision pr24325 (declared: 200, 400, 401, 404, 409, 500)`,
    ]);
    expect(v.validateResponse(id, res(502, HTML_CT, '<html>bad gateway</html>'))).toEqual([
      `${id}: response status 502 is not declared for revision pr24325 (declared: 200, 400, 401, 404, 409, 500)`,
    ]);
    expect(v.validateResponse(id, res(200, TEXT_CT, '{"session_token":"11111111-1111-4111-8111-111111111111"}'))).toEqual([
      `${id}: response 200 body has Content-Type "text/plain", expected application/json`,
    ]);
    expect(v.validateResponse(id, res(200, [], '{"session_token":"11111111-1111-4111-8111-111111111111"}'))).toEqual([
      `${id}: response 200 body has no Content-Type (expected application/json)`,
    ]);
    expect(v.validateResponse(id, res(200, JSON_CT, ''))).toEqual([`${id}: response 200 body is empty, expected JSON`]);
    expect(v.validateResponse(id, res(200, JSON_CT, '<html>'))).toEqual([`${id}: response 200 body is not valid JSON`]);
  });
  it('never echoes body values (they may be secrets)', () => {
    const secret = 'not-a-uuid-but-a-secret-0123456789';
    const out = v.validateResponse(id, json(200, { session_token: secret })).join('\n');
    expect(out).toBe(`${id}: response 200 body at /session_token: must match format "uuid"`);
    fc.assert(
      fc.property(
        fc.string({ minLength: 12 }).filter((s) => !/^[0-9a-f-]+$/i.test(s) && !Number.isFinite(Number(s))),
        (token) => {
          const lines = [
            ...v.validateResponse(id, json(200, { session_token: token })),
            ...v.validateResponse(id, res(200, JSON_CT, `{"session_token":${JSON.stringify(token)}`)),
            ...v.validateRequest({ method: 'PUT', url: '/latest/api/token', headers: [['X-Aws-Ec2-Metadata-Token-Ttl-Seconds', token]], body: '' }).violations,
          ];
          return lines.length === 3 && lines.every((l) => !l.includes(token));
        },
      ),
    );
  });
});

describe('getWorkspaceAgentExternalAuth responses and the expires_at revision rule', () => {
  const id = 'getWorkspaceAgentExternalAuth';
  const token = {
    access_token: 'gho_x',
    token_extra: { scope: 'repo' },
    url: '',
    type: 'github',
    username: 'gho_x',
    password: '',
  };
  const withExpiry = { ...token, expires_at: '2026-06-30T12:00:00.123456+02:00' };

  it('before pr26883: expires_at must be absent', () => {
    for (const revision of ['pre-agent-name', 'pr24325', 'pr25443'] as const) {
      const val = createContractValidator({ revision });
      expect(val.validateResponse(id, json(200, token))).toEqual([]);
      expect(val.validateResponse(id, json(200, withExpiry))).toEqual([`${id}: response 200 body at /expires_at: must be absent before revision pr26883`]);
    }
  });
  it('from pr26883: expires_at is required and must be RFC 3339', () => {
    const val = createContractValidator({ revision: 'pr26883' });
    expect(val.validateResponse(id, json(200, withExpiry))).toEqual([]);
    expect(val.validateResponse(id, json(200, { ...token, token_extra: null, expires_at: '0001-01-01T00:00:00Z' }))).toEqual([]);
    expect(val.validateResponse(id, json(200, token))).toEqual([`${id}: response 200 body at /expires_at: is required but missing`]);
    expect(val.validateResponse(id, json(200, { ...token, expires_at: '2026-06-30 12:00:00' }))).toEqual([
      `${id}: response 200 body at /expires_at: must match format "date-time"`,
    ]);
    expect(val.validateResponse(id, json(200, { ...token, expires_at: null }))).toEqual([`${id}: response 200 body at /expires_at: must be string`]);
  });
  it('reports missing fields and a token_extra that is not an object or null', () => {
    const { password: _p, ...noPassword } = token;
    expect(v.validateResponse(id, json(200, noPassword))).toEqual([`${id}: response 200 body at /password: is required but missing`]);
    expect(v.validateResponse(id, json(200, { ...token, token_extra: [] }))).toEqual([`${id}: response 200 body at /token_extra: must be object,null`]);
    expect(v.validateResponse(id, json(200, null))).toEqual([`${id}: response 200 body: must be object`]);
  });
  it('accepts the error outcomes', () => {
    for (const [status, message] of [
      [400, "'url' or 'id' must be provided!"],
      [401, 'Cookie "coder_session_token" must be provided.'],
      [404, 'No matching external auth provider found in Coder for the url "".'],
      [500, 'Failed to get external auth link.'],
    ] as const) {
      expect(v.validateResponse(id, json(status, { message }))).toEqual([]);
    }
    expect(v.validateResponse(id, json(409, { message: 'x' }))).toEqual([
      `${id}: response status 409 is not declared for revision pr24325 (declared: 200, 400, 401, 404, 500)`,
    ]);
  });
});

describe('AWS IMDSv2 responses', () => {
  it('awsPutToken', () => {
    const id = 'awsPutToken';
    expect(
      v.validateResponse(
        id,
        res(
          200,
          [
            ['Content-Type', 'text/plain'],
            ['X-Aws-Ec2-Metadata-Token-Ttl-Seconds', '21600'],
          ],
          'AQAEtoken==',
        ),
      ),
    ).toEqual([]);
    expect(
      v.validateResponse(
        id,
        res(
          200,
          [
            ['Content-Type', 'text/plain'],
            ['X-Aws-Ec2-Metadata-Token-Ttl-Seconds', 'forever'],
          ],
          'AQAE',
        ),
      ),
    ).toEqual([`${id}: response 200 header "X-aws-ec2-metadata-token-ttl-seconds": must be integer`]);
    expect(v.validateResponse(id, res(200, [['Content-Type', 'text/plain']], ''))).toEqual([`${id}: response 200 body: must NOT have fewer than 1 characters`]);
    expect(v.validateResponse(id, res(400, HTML_CT, '<html>400 - Missing or Invalid Parameters</html>'))).toEqual([]);
    expect(v.validateResponse(id, res(403, HTML_CT, '<html>403 - Forbidden</html>'))).toEqual([]);
    expect(v.validateResponse(id, res(401, TEXT_CT, ''))).toEqual([
      `${id}: response status 401 is not declared for revision pr24325 (declared: 200, 400, 403, 404)`,
    ]);
  });
  it('awsGetIdentitySignature', () => {
    const id = 'awsGetIdentitySignature';
    expect(v.validateResponse(id, res(200, [['Content-Type', 'text/plain']], 'c2lnbmF0dXJl\nYnl0ZXM='))).toEqual([]);
    expect(v.validateResponse(id, res(200, [['Content-Type', 'text/plain']], 'not base64!'))).toEqual([
      `${id}: response 200 body: must match pattern "^[A-Za-z0-9+/=\\r\\n]+$"`,
    ]);
    expect(v.validateResponse(id, res(401, TEXT_CT, ''))).toEqual([]);
    expect(v.validateResponse(id, res(401, HTML_CT, '<html>401 - Unauthorized</html>'))).toEqual([`${id}: response 401 declares no body, got 31 bytes`]);
  });
  it('awsGetIdentityDocument: JSON served as text/plain', () => {
    const id = 'awsGetIdentityDocument';
    const doc = {
      accountId: '123456789012',
      architecture: 'x86_64',
      availabilityZone: 'us-east-1a',
      imageId: 'ami-0abcdef1234567890',
      instanceId: 'i-0123456789abcdef0',
      instanceType: 't3.micro',
      kernelId: null,
      pendingTime: '2026-04-16T12:00:00Z',
      privateIp: '10.0.1.23',
      region: 'us-east-1',
      version: '2017-09-30',
    };
    const text = (value: unknown) => res(200, [['Content-Type', 'text/plain']], JSON.stringify(value, null, 2));
    expect(v.validateResponse(id, text(doc))).toEqual([]);
    const { region: _r, ...noRegion } = doc;
    expect(v.validateResponse(id, text(noRegion))).toEqual([`${id}: response 200 body (JSON content) at /region: is required but missing`]);
    expect(v.validateResponse(id, text({ ...doc, instanceId: 7 }))).toEqual([`${id}: response 200 body (JSON content) at /instanceId: must be string`]);
    expect(v.validateResponse(id, res(200, [['Content-Type', 'text/plain']], '{"instanceId":'))).toEqual([
      `${id}: response 200 body is not valid JSON (served as text/plain, content is application/json)`,
    ]);
    expect(v.validateResponse(id, res(200, JSON_CT, JSON.stringify(doc)))).toEqual([
      `${id}: response 200 body has Content-Type "application/json", expected text/plain`,
    ]);
  });
});

describe('404 from the shared metadata address', () => {
  it("accepts any cloud's not-found answer on every metadata operation", () => {
    for (const id of ['awsPutToken', 'awsGetIdentitySignature', 'awsGetIdentityDocument', 'azureGetAttestedDocument', 'gcpGetIdentityToken']) {
      expect(v.validateResponse(id, res(404, HTML_CT, '<html>404 - Not Found</html>')), id).toEqual([]);
      expect(v.validateResponse(id, res(404, TEXT_CT, 'Not Found\n')), id).toEqual([]);
      expect(v.validateResponse(id, json(404, { error: 'Not found' })), id).toEqual([]);
      expect(v.validateResponse(id, json(404, { message: 'Not found' })), id).toEqual([`${id}: response 404 body at /error: is required but missing`]);
      expect(v.validateResponse(id, res(404, [['Content-Type', 'application/xml']], '<e/>')), id).toEqual([
        `${id}: response 404 body has Content-Type "application/xml", expected text/* or application/json`,
      ]);
    }
  });
});

describe('Azure IMDS responses', () => {
  const id = 'azureGetAttestedDocument';
  it('accepts the attested document and the documented 400 bodies', () => {
    expect(v.validateResponse(id, json(200, { encoding: 'pkcs7', signature: 'MIIK' }))).toEqual([]);
    expect(v.validateResponse(id, json(400, { error: 'Bad request. Required metadata header not specified' }))).toEqual([]);
    expect(
      v.validateResponse(
        id,
        json(400, {
          error: 'Bad request. api-version was not specified in the request. For more information refer to aka.ms/azureimds',
          'newest-versions': ['2023-07-01'],
        }),
      ),
    ).toEqual([]);
    expect(v.validateResponse(id, json(429, { error: 'Too many requests' }))).toEqual([]);
  });
  it('reports a wrong encoding, a missing signature and a 400 without error', () => {
    expect(v.validateResponse(id, json(200, { encoding: 'der' }))).toEqual([
      `${id}: response 200 body at /signature: is required but missing`,
      `${id}: response 200 body at /encoding: must be one of ["pkcs7"]`,
    ]);
    expect(v.validateResponse(id, json(400, { message: 'x' }))).toEqual([`${id}: response 400 body at /error: is required but missing`]);
  });
});

describe('GCP responses', () => {
  const id = 'gcpGetIdentityToken';
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJjb2RlciJ9.c2ln';
  /** A 200 with the given Content-Type and `Metadata-Flavor` header name, as the metadata server answers. */
  const flavored = (contentType: string, body: string, flavorHeader = 'Metadata-Flavor') =>
    res(
      200,
      [
        ['Content-Type', contentType],
        [flavorHeader, 'Google'],
      ],
      body,
    );
  it('accepts a JWT with the Metadata-Flavor response header, and error outcomes', () => {
    expect(v.validateResponse(id, flavored('application/text', jwt))).toEqual([]);
    expect(v.validateResponse(id, flavored('text/plain', jwt))).toEqual([]);
    expect(v.validateResponse(id, flavored('application/jwt', jwt))).toEqual([
      `${id}: response 200 body has Content-Type "application/jwt", expected application/text or text/plain`,
    ]);
    expect(v.validateResponse(id, res(400, TEXT_CT, 'non-empty audience parameter required\n'))).toEqual([]);
    expect(v.validateResponse(id, res(400, HTML_CT, '<p>non-empty audience parameter required'))).toEqual([]);
    expect(v.validateResponse(id, res(403, HTML_CT, '<html>403</html>'))).toEqual([]);
    expect(v.validateResponse(id, res(404, HTML_CT, '<html>404</html>'))).toEqual([]);
    expect(v.validateResponse(id, res(503, TEXT_CT, 'unavailable'))).toEqual([]);
  });
  it('reports a missing flavor header, a body that is not a JWT, and a 200 with a trailing newline', () => {
    expect(v.validateResponse(id, res(200, TEXT_CT, jwt))).toEqual([`${id}: response 200 header "Metadata-Flavor" is required but missing`]);
    expect(v.validateResponse(id, flavored('text/plain', 'garbage', 'metadata-flavor'))).toEqual([
      `${id}: response 200 body: must match pattern "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$"`,
    ]);
    expect(v.validateResponse(id, flavored('text/plain', `${jwt}\n`))).toHaveLength(1);
    expect(
      v.validateResponse(
        id,
        res(
          200,
          [
            ['Content-Type', 'text/plain'],
            ['Metadata-Flavor', 'Amazon'],
          ],
          jwt,
        ),
      ),
    ).toEqual([`${id}: response 200 header "Metadata-Flavor": must be one of ["Google"]`]);
  });
  it('gcpGetCerts', () => {
    const key = { kty: 'RSA', alg: 'RS256', use: 'sig', kid: 'test-key-1', n: 'AQAB', e: 'AQAB' };
    expect(v.validateResponse('gcpGetCerts', json(200, { keys: [key] }))).toEqual([]);
    expect(v.validateResponse('gcpGetCerts', json(200, { keys: [{ ...key, kty: 'EC' }] }))).toEqual([
      'gcpGetCerts: response 200 body at /keys/0/kty: must be one of ["RSA"]',
    ]);
    expect(v.validateResponse('gcpGetCerts', json(200, {}))).toEqual(['gcpGetCerts: response 200 body at /keys: is required but missing']);
  });
});

describe('validateResponse argument errors', () => {
  it('throws on an unknown operationId', () => {
    expect(() => v.validateResponse('nope', json(200, {}))).toThrow('unknown operationId "nope"');
  });
  it('covers all four revisions', () => {
    expect(CONTRACT_REVISIONS).toEqual(['pre-agent-name', 'pr24325', 'pr25443', 'pr26883']);
  });
});
