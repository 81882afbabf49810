// The committed pact must be allowed by openapi.yaml (checked with
// @pactflow/openapi-pact-comparator); and the check must catch interactions the contract forbids.
import { beforeAll, describe, expect, it } from 'vitest';
import { comparePact, describeFindings, loadOpenApi } from './compare.ts';
import { readPact, type PactFile, type PactInteraction } from './pact-file.ts';
import { PACT_FILE } from './names.ts';

let openapi: object;
let pact: PactFile;

beforeAll(async () => {
  openapi = await loadOpenApi();
  pact = await readPact(PACT_FILE);
});

const COVERED_OPERATIONS = ['authAwsInstanceIdentity', 'authAzureInstanceIdentity', 'authGoogleInstanceIdentity', 'getWorkspaceAgentExternalAuth'];

function operationOf(doc: object, i: PactInteraction): string | undefined {
  const paths = (doc as { paths: Record<string, Record<string, { operationId?: string }>> }).paths;
  return paths[i.request.path]?.[i.request.method.toLowerCase()]?.operationId;
}

describe('pacts/coder-agent-coderd.json against openapi.yaml', () => {
  it('has no comparator findings', async () => {
    const findings = await comparePact(openapi, pact);
    expect(describeFindings(findings)).toBe('');
  });

  it('exercises exactly the four coderd operations the agent uses', () => {
    const ops = new Set(pact.interactions.map((i) => operationOf(openapi, i) ?? `${i.request.method} ${i.request.path}`));
    expect([...ops].sort()).toEqual([...COVERED_OPERATIONS].sort());
  });
});

describe('the comparator gate fails interactions the contract does not allow', () => {
  const mutate = (f: (i: PactInteraction) => void, pick: (i: PactInteraction) => boolean): PactFile => {
    const copy = structuredClone(pact);
    const target = copy.interactions.find(pick);
    if (target === undefined) throw new Error('no interaction to mutate');
    target.description = `MUTATED ${target.description}`;
    f(target);
    return copy;
  };
  const isGet = (i: PactInteraction) => i.request.method === 'GET' && i.response.status === 200;
  const isAwsOk = (i: PactInteraction) => i.request.path.endsWith('/aws-instance-identity') && i.response.status === 200;

  /** Finding codes; each finding must be about the mutated interaction. */
  const codesFor = async (p: PactFile) => {
    const findings = await comparePact(openapi, p);
    for (const f of findings) expect(f.mockDetails?.interactionDescription, describeFindings([f])).toMatch(/^MUTATED /);
    return findings.map((f) => `${f.type} ${f.code}`);
  };

  it('an undeclared status', async () => {
    expect(await codesFor(mutate((i) => (i.response.status = 418), isGet))).toEqual(['error response.status.unknown']);
  });

  it('an unknown path', async () => {
    expect(await codesFor(mutate((i) => (i.request.path = '/api/v2/workspaceagents/me/oauth-token'), isGet))).toEqual(['error request.path-or-method.unknown']);
  });

  it('a session token that is not a UUID', async () => {
    const p = mutate((i) => {
      const body = i.response.body as { content: { session_token: string } };
      body.content.session_token = 'not-a-uuid';
    }, isAwsOk);
    expect(await codesFor(p)).toEqual(['error response.body.incompatible']);
  });

  it('a request body without the required document', async () => {
    const p = mutate((i) => {
      const body = i.request.body as { content: Record<string, unknown> };
      delete body.content.document;
    }, isAwsOk);
    expect(await codesFor(p)).toEqual(['error request.body.incompatible']);
  });

  it('a query parameter the contract does not declare', async () => {
    const p = mutate((i) => {
      (i.request.query as Record<string, string[]>).provider = ['github'];
    }, isGet);
    expect(await codesFor(p)).toEqual(['warning request.query.unknown']);
  });
});
