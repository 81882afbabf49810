// Request-side contract checks: operation matching, parameters (path, query,
// header, case-insensitive names), credentials and JSON bodies, for every
// operation of openapi.yaml, with exact violation texts.
import { describe, expect, it } from 'vitest';
import { createContractValidator, type ContractRequest } from './validator.ts';

const v = createContractValidator();
const JSON_POST: [string, string][] = [
  ['Content-Type', 'application/json'],
  ['User-Agent', 'Go-http-client/1.1'],
  ['Accept-Encoding', 'gzip'],
];
const req = (method: string, url: string, headers: [string, string][] = [], body = ''): ContractRequest => ({ method, url, headers, body });
const check = (r: ContractRequest) => v.validateRequest(r);

describe('matchOperation', () => {
  it('maps every contract path to its operation', () => {
    const cases: [string, string, string][] = [
      ['POST', '/api/v2/workspaceagents/aws-instance-identity', 'authAwsInstanceIdentity'],
      ['POST', '/api/v2/workspaceagents/azure-instance-identity', 'authAzureInstanceIdentity'],
      ['POST', '/api/v2/workspaceagents/google-instance-identity', 'authGoogleInstanceIdentity'],
      ['GET', '/api/v2/workspaceagents/me/external-auth?id=github&match=', 'getWorkspaceAgentExternalAuth'],
      ['PUT', '/latest/api/token', 'awsPutToken'],
      ['GET', '/latest/dynamic/instance-identity/signature', 'awsGetIdentitySignature'],
      ['GET', '/latest/dynamic/instance-identity/document', 'awsGetIdentityDocument'],
      ['GET', '/metadata/attested/document?api-version=2020-09-01', 'azureGetAttestedDocument'],
      ['GET', '/computeMetadata/v1/instance/service-accounts/default/identity?audience=coder&format=full', 'gcpGetIdentityToken'],
      ['get', '/oauth2/v3/certs', 'gcpGetCerts'],
    ];
    for (const [method, path, id] of cases) expect(v.matchOperation(method, path)?.operationId, `${method} ${path}`).toBe(id);
  });

  it('returns undefined for other methods and paths', () => {
    expect(v.matchOperation('GET', '/latest/api/token')).toBeUndefined();
    expect(v.matchOperation('GET', '/api/v2/workspaceagents/me/external-auth/extra')).toBeUndefined();
    expect(v.matchOperation('GET', '/computeMetadata/v1/instance/service-accounts//identity')).toBeUndefined();
    expect(v.matchOperation('GET', '/')).toBeUndefined();
  });
});

describe('validateRequest: unknown requests', () => {
  it('names the method and path when nothing matches', () => {
    expect(check(req('GET', 'http://169.254.169.254/latest/meta-data/instance-id'))).toEqual({
      violations: ['no operation matches GET /latest/meta-data/instance-id'],
    });
  });
  it('says which methods the path has', () => {
    expect(check(req('POST', 'http://169.254.169.254/latest/api/token'))).toEqual({
      violations: ['no operation matches POST /latest/api/token (the contract has PUT for /latest/api/token)'],
    });
  });
});

describe('instance-identity POSTs', () => {
  const cases = [
    {
      id: 'authAwsInstanceIdentity',
      path: '/api/v2/workspaceagents/aws-instance-identity',
      ok: '{"signature":"c2ln","document":"{\\"instanceId\\":\\"i-0123456789abcdef0\\"}","agent_name":"alpha"}\n',
      fields: ['signature', 'document'],
    },
    {
      id: 'authAzureInstanceIdentity',
      path: '/api/v2/workspaceagents/azure-instance-identity',
      ok: '{"signature":"MIIK","encoding":"pkcs7","agent_name":"alpha"}\n',
      fields: ['signature', 'encoding'],
    },
    {
      id: 'authGoogleInstanceIdentity',
      path: '/api/v2/workspaceagents/google-instance-identity',
      ok: '{"json_web_token":"a.b.c","agent_name":"alpha"}\n',
      fields: ['json_web_token'],
    },
  ];
  for (const c of cases) {
    describe(c.id, () => {
      const url = `http://127.0.0.1:41234${c.path}`;
      it('accepts the SDK request with and without agent_name (blank names included)', () => {
        expect(check(req('POST', url, JSON_POST, c.ok))).toEqual({ operationId: c.id, violations: [] });
        const without = JSON.parse(c.ok);
        delete without.agent_name;
        expect(check(req('POST', url, JSON_POST, `${JSON.stringify(without)}\n`)).violations).toEqual([]);
        for (const name of ['', '   ']) {
          expect(check(req('POST', url, JSON_POST, JSON.stringify({ ...without, agent_name: name }))).violations).toEqual([]);
        }
      });
      it('reports missing and empty required fields', () => {
        expect(check(req('POST', url, JSON_POST, '{}')).violations).toEqual(c.fields.map((f) => `${c.id}: request body at /${f}: is required but missing`));
        const empty = Object.fromEntries(c.fields.map((f) => [f, '']));
        expect(check(req('POST', url, JSON_POST, JSON.stringify(empty))).violations).toEqual(
          c.fields.map((f) => `${c.id}: request body at /${f}: must NOT have fewer than 1 characters`),
        );
      });
      it('reports a non-string agent_name', () => {
        const body = JSON.stringify({ ...JSON.parse(c.ok), agent_name: 7 });
        expect(check(req('POST', url, JSON_POST, body)).violations).toEqual([`${c.id}: request body at /agent_name: must be string`]);
      });
      it('reports bad JSON, a wrong or missing Content-Type and a missing body', () => {
        expect(check(req('POST', url, JSON_POST, '{"signature":')).violations).toEqual([`${c.id}: request body is not valid JSON`]);
        expect(check(req('POST', url, [['Content-Type', 'text/plain']], c.ok)).violations).toEqual([
          `${c.id}: request body has Content-Type "text/plain", expected application/json`,
        ]);
        expect(check(req('POST', url, [], c.ok)).violations).toEqual([`${c.id}: request body has no Content-Type (expected application/json)`]);
        expect(check(req('POST', url, JSON_POST, '')).violations).toEqual([`${c.id}: request body is required but empty`]);
      });
      it('needs no session token', () => {
        expect(check(req('POST', url, [['content-type', 'application/json; charset=utf-8']], c.ok)).violations).toEqual([]);
      });
    });
  }

  it('before pr24325 agent_name is an unknown key the server ignores, not a violation', () => {
    const pre = createContractValidator({ revision: 'pre-agent-name' });
    const r = req('POST', '/api/v2/workspaceagents/google-instance-identity', JSON_POST, '{"json_web_token":"a.b.c","agent_name":7}');
    expect(pre.validateRequest(r).violations).toEqual([]);
    expect(v.validateRequest(r).violations).toEqual(['authGoogleInstanceIdentity: request body at /agent_name: must be string']);
  });
});

describe('getWorkspaceAgentExternalAuth', () => {
  const id = 'getWorkspaceAgentExternalAuth';
  const url = 'http://127.0.0.1:41234/api/v2/workspaceagents/me/external-auth?id=github&match=';
  const token: [string, string] = ['Coder-Session-Token', '11111111-1111-4111-8111-111111111111'];

  it('accepts the CLI request (header token, empty match=)', () => {
    expect(check(req('GET', url, [token, ['User-Agent', 'Go-http-client/1.1'], ['Accept-Encoding', 'gzip']]))).toEqual({ operationId: id, violations: [] });
  });
  it('accepts the token as cookie or query parameter, and an empty header (sent after a failed exchange)', () => {
    expect(check(req('GET', url, [['Cookie', 'a=b; coder_session_token=11111111-1111-4111-8111-111111111111']])).violations).toEqual([]);
    expect(check(req('GET', `${url}&coder_session_token=x`)).violations).toEqual([]);
    expect(check(req('GET', url, [['coder-session-token', '']])).violations).toEqual([]);
  });
  it('accepts listen with any value and the legacy url parameter', () => {
    expect(check(req('GET', `${url}&listen=false`, [token])).violations).toEqual([]);
    expect(check(req('GET', '/api/v2/workspaceagents/me/external-auth?url=https%3A%2F%2Fgithub.com%2Fa%2Fb', [token])).violations).toEqual([]);
  });
  it('reports a request without any credential', () => {
    expect(check(req('GET', url, [['Cookie', 'other=1']])).violations).toEqual([
      `${id}: no credential sent (expected one of: header Coder-Session-Token, cookie coder_session_token, query coder_session_token)`,
    ]);
  });
  it('reports a body on the GET', () => {
    expect(check(req('GET', url, [token], '{}')).violations).toEqual([`${id}: the operation takes no request body, got 2 bytes`]);
  });
});

describe('AWS IMDSv2', () => {
  const base = 'http://169.254.169.254';
  it('awsPutToken: accepts TTL 1..21600 under any header spelling', () => {
    for (const [name, ttl] of [
      ['X-Aws-Ec2-Metadata-Token-Ttl-Seconds', '21600'],
      ['x-aws-ec2-metadata-token-ttl-seconds', '1'],
    ]) {
      expect(check(req('PUT', `${base}/latest/api/token`, [[name, ttl]]))).toEqual({ operationId: 'awsPutToken', violations: [] });
    }
  });
  it('awsPutToken: reports a missing, out-of-range or non-numeric TTL', () => {
    const put = (headers: [string, string][]) => check(req('PUT', `${base}/latest/api/token`, headers)).violations;
    const where = 'awsPutToken: header parameter "X-aws-ec2-metadata-token-ttl-seconds"';
    expect(put([])).toEqual([`${where} is required but missing`]);
    expect(put([['X-Aws-Ec2-Metadata-Token-Ttl-Seconds', '0']])).toEqual([`${where}: must be >= 1`]);
    expect(put([['X-Aws-Ec2-Metadata-Token-Ttl-Seconds', '21601']])).toEqual([`${where}: must be <= 21600`]);
    expect(put([['X-Aws-Ec2-Metadata-Token-Ttl-Seconds', 'six hours']])).toEqual([`${where}: must be integer`]);
  });
  for (const [id, path] of [
    ['awsGetIdentitySignature', '/latest/dynamic/instance-identity/signature'],
    ['awsGetIdentityDocument', '/latest/dynamic/instance-identity/document'],
  ]) {
    it(`${id}: needs the session-token header`, () => {
      expect(check(req('GET', `${base}${path}`, [['X-Aws-Ec2-Metadata-Token', 'AQAE']]))).toEqual({ operationId: id, violations: [] });
      expect(check(req('GET', `${base}${path}`)).violations).toEqual([`${id}: header parameter "X-aws-ec2-metadata-token" is required but missing`]);
    });
  }
});

describe('Azure IMDS', () => {
  const id = 'azureGetAttestedDocument';
  const url = 'http://169.254.169.254/metadata/attested/document';
  it('accepts the SDK request', () => {
    expect(check(req('GET', `${url}?api-version=2020-09-01`, [['Metadata', 'true']]))).toEqual({ operationId: id, violations: [] });
  });
  it('reports a missing or malformed api-version and a missing or wrong Metadata header', () => {
    expect(check(req('GET', url, [['metadata', 'true']])).violations).toEqual([`${id}: query parameter "api-version" is required but missing`]);
    expect(check(req('GET', `${url}?api-version=latest`, [['Metadata', 'true']])).violations).toEqual([
      `${id}: query parameter "api-version": must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"`,
    ]);
    expect(check(req('GET', `${url}?api-version=2020-09-01`)).violations).toEqual([`${id}: header parameter "Metadata" is required but missing`]);
    expect(check(req('GET', `${url}?api-version=2020-09-01`, [['Metadata', 'yes']])).violations).toEqual([
      `${id}: header parameter "Metadata": must be one of ["true"]`,
    ]);
  });
});

describe('GCP metadata', () => {
  const id = 'gcpGetIdentityToken';
  const path = (sa: string, q: string) => `http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/${sa}/identity${q}`;
  const flavor: [string, string] = ['Metadata-Flavor', 'Google'];
  it('accepts the library request, for default and for an email service account', () => {
    const headers: [string, string][] = [flavor, ['User-Agent', 'gcloud-golang/0.1']];
    expect(check(req('GET', path('default', '?audience=coder&format=full'), headers))).toEqual({ operationId: id, violations: [] });
    expect(
      check(req('GET', path('sa%40proj.iam.gserviceaccount.com', '?audience=coder&format=full&licenses=TRUE'), [['metadata-flavor', 'Google']])).violations,
    ).toEqual([]);
  });
  it('reports a missing or empty audience, an unknown format and a missing flavor header', () => {
    expect(check(req('GET', path('default', '?format=full'), [flavor])).violations).toEqual([`${id}: query parameter "audience" is required but missing`]);
    expect(check(req('GET', path('default', '?audience=&format=full'), [flavor])).violations).toEqual([
      `${id}: query parameter "audience": must NOT have fewer than 1 characters`,
    ]);
    expect(check(req('GET', path('default', '?audience=coder&format=jwt'), [flavor])).violations).toEqual([
      `${id}: query parameter "format": must be one of ["standard","full"]`,
    ]);
    expect(check(req('GET', path('default', '?audience=coder'))).violations).toEqual([`${id}: header parameter "Metadata-Flavor" is required but missing`]);
  });
  it('gcpGetCerts: plain GET', () => {
    expect(check(req('GET', 'https://www.googleapis.com/oauth2/v3/certs'))).toEqual({ operationId: 'gcpGetCerts', violations: [] });
  });
});

describe('createContractValidator', () => {
  it('rejects an unknown revision with a clear error', () => {
    expect(() => createContractValidator({ revision: 'pr99999' as never })).toThrow(
      'unknown contract revision "pr99999" (known: pre-agent-name, pr24325, pr25443, pr26883)',
    );
  });
  it('defaults to pr24325', () => {
    expect(createContractValidator().revision).toBe('pr24325');
  });
});
