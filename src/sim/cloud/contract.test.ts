// Every answer of the metadata handlers — successes and each error — checked against openapi.yaml
// with the project's contract validator, so the simulators and the contract cannot drift apart.
import { describe, expect, test } from 'vitest';
import { createContractValidator } from '../../openapi/index.ts';
import { metadataTestBed } from './test-server.ts';

const bed = metadataTestBed();
const validator = createContractValidator();
const IMDS = 'http://169.254.169.254';
const MACHINE = { aws: { instanceId: 'i-0123456789abcdef0' }, azure: { vmId: 'vm-1' }, gcp: { instanceId: '42' } };

interface Call {
  name: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** Expected status. */
  status: number;
  /** Whether the request itself is valid per contract. */
  validRequest: boolean;
}

async function exchange(call: Call, token: string): Promise<{ op?: string; reqViolations: string[]; resViolations: string[]; status: number }> {
  const headers = Object.fromEntries(Object.entries(call.headers ?? {}).map(([k, v]) => [k, v.replace('$TOKEN', token)]));
  const req = validator.validateRequest({ method: call.method, url: call.url, headers: Object.entries(headers), body: '' });
  const res = await fetch(call.url, { method: call.method, headers });
  const body = await res.text();
  const resHeaders: [string, string][] = [];
  res.headers.forEach((value, key) => resHeaders.push([key, value]));
  const resViolations = req.operationId ? validator.validateResponse(req.operationId, { status: res.status, headers: resHeaders, body }) : ['no operation'];
  return { op: req.operationId, reqViolations: req.violations, resViolations, status: res.status };
}

const TTL = { 'X-aws-ec2-metadata-token-ttl-seconds': '21600' };
const TOK = { 'X-aws-ec2-metadata-token': '$TOKEN' };
const GCP_ID = '/computeMetadata/v1/instance/service-accounts/default/identity';

const CALLS: Call[] = [
  { name: 'aws token', method: 'PUT', url: `${IMDS}/latest/api/token`, headers: TTL, status: 200, validRequest: true },
  { name: 'aws token without TTL', method: 'PUT', url: `${IMDS}/latest/api/token`, status: 400, validRequest: false },
  {
    name: 'aws token forwarded',
    method: 'PUT',
    url: `${IMDS}/latest/api/token`,
    headers: { ...TTL, 'X-Forwarded-For': '10.0.0.1' },
    status: 403,
    validRequest: true,
  },
  { name: 'aws signature', method: 'GET', url: `${IMDS}/latest/dynamic/instance-identity/signature`, headers: TOK, status: 200, validRequest: true },
  { name: 'aws document', method: 'GET', url: `${IMDS}/latest/dynamic/instance-identity/document`, headers: TOK, status: 200, validRequest: true },
  {
    name: 'aws document, bad token',
    method: 'GET',
    url: `${IMDS}/latest/dynamic/instance-identity/document`,
    headers: { 'X-aws-ec2-metadata-token': 'x' },
    status: 401,
    validRequest: true,
  },
  {
    name: 'azure document',
    method: 'GET',
    url: `${IMDS}/metadata/attested/document?api-version=2020-09-01`,
    headers: { Metadata: 'true' },
    status: 200,
    validRequest: true,
  },
  { name: 'azure without header', method: 'GET', url: `${IMDS}/metadata/attested/document?api-version=2020-09-01`, status: 400, validRequest: false },
  { name: 'azure without version', method: 'GET', url: `${IMDS}/metadata/attested/document`, headers: { Metadata: 'true' }, status: 400, validRequest: false },
  {
    name: 'azure unknown version',
    method: 'GET',
    url: `${IMDS}/metadata/attested/document?api-version=2099-01-01`,
    headers: { Metadata: 'true' },
    status: 400,
    validRequest: true,
  },
  {
    name: 'gcp token',
    method: 'GET',
    url: `${IMDS}${GCP_ID}?audience=coder&format=full`,
    headers: { 'Metadata-Flavor': 'Google' },
    status: 200,
    validRequest: true,
  },
  {
    name: 'gcp token by name',
    method: 'GET',
    url: `http://metadata.google.internal${GCP_ID}?audience=coder`,
    headers: { 'Metadata-Flavor': 'Google' },
    status: 200,
    validRequest: true,
  },
  { name: 'gcp without flavor', method: 'GET', url: `${IMDS}${GCP_ID}?audience=coder`, status: 403, validRequest: false },
  {
    name: 'gcp forwarded',
    method: 'GET',
    url: `${IMDS}${GCP_ID}?audience=coder`,
    headers: { 'Metadata-Flavor': 'Google', 'X-Forwarded-For': '10.0.0.1' },
    status: 403,
    validRequest: true,
  },
  { name: 'gcp without audience', method: 'GET', url: `${IMDS}${GCP_ID}`, headers: { 'Metadata-Flavor': 'Google' }, status: 400, validRequest: false },
  {
    name: 'gcp unknown account',
    method: 'GET',
    url: `${IMDS}/computeMetadata/v1/instance/service-accounts/nobody/identity?audience=coder`,
    headers: { 'Metadata-Flavor': 'Google' },
    status: 404,
    validRequest: true,
  },
  { name: 'google certs', method: 'GET', url: 'https://www.googleapis.com/oauth2/v3/certs', status: 200, validRequest: true },
];

async function awsToken(): Promise<string> {
  return (await fetch(`${IMDS}/latest/api/token`, { method: 'PUT', headers: TTL })).text();
}

describe('metadata handlers honour openapi.yaml', () => {
  test.each(CALLS.map((c) => [c.name, c] as const))('%s', async (_name, call) => {
    bed.use(MACHINE);
    const r = await exchange(call, await awsToken());
    expect(r.status).toBe(call.status);
    expect(r.op).toBeDefined();
    expect(r.resViolations).toEqual([]);
    if (call.validRequest) expect(r.reqViolations).toEqual([]);
    else expect(r.reqViolations).not.toEqual([]);
  });

  test.each([
    ['only AWS', { aws: { instanceId: 'i-1' } }],
    ['only Azure', { azure: { vmId: 'v' } }],
    ['only GCP', { gcp: { instanceId: '1' } }],
    ['no cloud', {}],
  ] as const)('"not that cloud" 404s on a machine with %s are contract 404s', async (_name, machine) => {
    bed.use(machine);
    for (const call of CALLS.filter((c) => c.url.startsWith(IMDS) && c.status === 200)) {
      const cloud = call.url.includes('/latest/') ? 'aws' : call.url.includes('/metadata/') ? 'azure' : 'gcp';
      if (cloud in machine) continue;
      const r = await exchange(call, 'irrelevant');
      expect(r.status).toBe(404);
      expect(r.resViolations).toEqual([]);
    }
  });
});
