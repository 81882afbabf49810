// The contract loader: the fixed operationIds other parts rely on, their
// methods, paths, services and servers, and local $ref resolution.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractDefine } from '../../scripts/build.mjs';
import { CONTRACT_PATH, contractDocument, contractTextHash, getOperation, operations, resolveRef } from './contract.ts';

describe('contract', () => {
  it('loads openapi.yaml from the repo root', () => {
    expect(CONTRACT_PATH.endsWith('/openapi.yaml')).toBe(true);
    expect(contractDocument.openapi).toBe('3.1.0');
  });

  it("the runner bundle's pre-parsed contract is openapi.yaml exactly, keyed by the hash the loader checks", () => {
    const { __PARSED_CONTRACT__: json } = contractDefine(CONTRACT_PATH);
    const { sha256, document } = JSON.parse(json) as { sha256: string; document: unknown };
    expect(sha256).toBe(contractTextHash(readFileSync(CONTRACT_PATH, 'utf8')));
    // Lossless through JSON: what the bundle uses is what parsing the YAML gives.
    expect(document).toStrictEqual(contractDocument);
  });

  it('lists exactly the fixed operations', () => {
    expect(operations.map((o) => [o.operationId, o.method, o.path, o.service, o.servers])).toEqual([
      ['authAwsInstanceIdentity', 'POST', '/api/v2/workspaceagents/aws-instance-identity', 'coderd', ['http://127.0.0.1:3000']],
      ['authAzureInstanceIdentity', 'POST', '/api/v2/workspaceagents/azure-instance-identity', 'coderd', ['http://127.0.0.1:3000']],
      ['authGoogleInstanceIdentity', 'POST', '/api/v2/workspaceagents/google-instance-identity', 'coderd', ['http://127.0.0.1:3000']],
      ['getWorkspaceAgentExternalAuth', 'GET', '/api/v2/workspaceagents/me/external-auth', 'coderd', ['http://127.0.0.1:3000']],
      ['awsPutToken', 'PUT', '/latest/api/token', 'aws', ['http://169.254.169.254']],
      ['awsGetIdentitySignature', 'GET', '/latest/dynamic/instance-identity/signature', 'aws', ['http://169.254.169.254']],
      ['awsGetIdentityDocument', 'GET', '/latest/dynamic/instance-identity/document', 'aws', ['http://169.254.169.254']],
      ['azureGetAttestedDocument', 'GET', '/metadata/attested/document', 'azure', ['http://169.254.169.254']],
      [
        'gcpGetIdentityToken',
        'GET',
        '/computeMetadata/v1/instance/service-accounts/{serviceAccount}/identity',
        'gcp',
        ['http://metadata.google.internal', 'http://169.254.169.254'],
      ],
      ['gcpGetCerts', 'GET', '/oauth2/v3/certs', 'gcp', ['https://www.googleapis.com']],
    ]);
  });

  it('getOperation finds by id and rejects unknown ids clearly', () => {
    expect(getOperation('awsPutToken').path).toBe('/latest/api/token');
    expect(() => getOperation('awsPutTokens')).toThrow(/^unknown operationId "awsPutTokens" \(known: authAwsInstanceIdentity, /);
  });

  it('resolves local $refs and rejects broken ones', () => {
    expect(resolveRef<{ required: string[] }>({ $ref: '#/components/schemas/Response' }).required).toEqual(['message']);
    expect(resolveRef('plain')).toBe('plain');
    expect(() => resolveRef({ $ref: '#/components/schemas/Nope' })).toThrow('unresolvable $ref #/components/schemas/Nope');
    expect(() => resolveRef({ $ref: 'other.yaml#/x' })).toThrow('only local $refs are supported, got other.yaml#/x');
  });

  it('documents agent_name with the upstream schema text', () => {
    const agentName = resolveRef<{ description: string }>({ $ref: '#/components/schemas/AgentName' });
    expect(agentName.description).toBe(
      'Agent name optionally selects a specific agent when multiple agents share the same instance identity. An empty string is treated as unspecified.',
    );
  });
});
