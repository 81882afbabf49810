// coderd instance-identity exchange against the simulator: every upstream handler test of
// behavior.md §4.4 with the same setup and outcome, plus the edges (duplicates in the 409, Go
// TrimSpace incl. U+0085/U+00A0/U+3000, U+FEFF kept, per-revision stale-build handling, httpapi.Read).
import { describe, expect, it } from 'vitest';
import { exchange, goJSON, post, sdkBody, simFor, awsProof, type CloudName } from '../test-support.ts';

const ID: Record<CloudName, string> = {
  aws: 'i-0123456789abcdef0',
  azure: '02aab8a4-74ef-476e-8182-f6d2ba4166a6',
  gcp: '5915414316487305842',
};
const DEV = 'd0000000-0000-4000-8000-000000000001';
const ALPHA = 'a0000000-0000-4000-8000-000000000001';
const BETA = 'b0000000-0000-4000-8000-000000000001';
const MAIN1 = 'c0000000-0000-4000-8000-000000000001';
const SUB = 'e0000000-0000-4000-8000-000000000001';
const CT = 'application/json; charset=utf-8';
const ok = (token: string) => ({ status: 200, contentType: CT, body: goJSON({ session_token: token }) });
const err = (status: number, message: string) => ({ status, contentType: CT, body: goJSON({ message }) });
const ambiguous = (cloud: CloudName, names: string) =>
  err(409, `Multiple agents found with instance ID "${ID[cloud]}". Set CODER_AGENT_NAME to one of: ${names}`);

async function run(scenario: string, cloud: CloudName, agentName?: string, revision?: Parameters<typeof simFor>[1]) {
  const sim = await simFor(scenario, revision);
  const a = await exchange(sim, cloud, agentName);
  return { status: a.status, contentType: a.contentType, body: a.body };
}

describe('upstream coderd/workspaceresourceauth_test.go (PR24325)', () => {
  it('Azure Success', async () => expect(await run('azure-single-agent', 'azure')).toEqual(ok(DEV)));
  it('Azure Ambiguous/AzureWithSelector', async () => expect(await run('azure-multi-agent', 'azure', 'alpha')).toEqual(ok(ALPHA)));
  it('AWS Ambiguous/SingleAgent', async () => expect(await run('aws-single-agent', 'aws')).toEqual(ok(DEV)));
  it('AWS Ambiguous/MultipleAgentsNoSelector', async () => expect(await run('aws-multi-agent', 'aws')).toEqual(ambiguous('aws', 'alpha, beta')));
  it('AWS Ambiguous/EmptyAgentNameTreatedAsUnset (raw "agent_name":"")', async () => {
    const sim = await simFor('aws-multi-agent');
    const p = await awsProof(sim);
    const a = await post(
      sim,
      '/api/v2/workspaceagents/aws-instance-identity',
      JSON.stringify({ signature: p.signature, document: p.document, agent_name: '' }),
    );
    expect({ status: a.status, contentType: a.contentType, body: a.body }).toEqual(ambiguous('aws', 'alpha, beta'));
  });
  it('AWS Ambiguous/WhitespaceAgentNameTreatedAsUnset', async () =>
    expect(await run('aws-multi-agent', 'aws', '   ')).toEqual(ambiguous('aws', 'alpha, beta')));
  it('AWS Ambiguous/MultipleAgentsWithSelector', async () => expect(await run('aws-multi-agent', 'aws', 'alpha')).toEqual(ok(ALPHA)));
  it('AWS Ambiguous/MultipleAgentsUnknownSelector', async () =>
    expect(await run('aws-multi-agent', 'aws', 'nonexistent')).toEqual(err(404, `No agent found with instance ID "${ID.aws}" and name "nonexistent".`)));
  it('AWS Ambiguous/SubAgentExcluded', async () => expect(await run('aws-sub-agent', 'aws')).toEqual(ok(DEV)));
  it('Google Expired', async () => {
    const a = await run('gcp-expired-token', 'gcp');
    expect(a.status).toBe(401);
    expect(a.contentType).toBe(CT);
    const body = JSON.parse(a.body) as { message: string; detail: string };
    expect(body.message).toBe('Invalid GCP identity.');
    expect(body.detail).toMatch(/^idtoken: token expired/);
  });
  it('Google InstanceNotFound', async () =>
    expect(await run('gcp-unknown-instance', 'gcp')).toEqual(err(404, 'Instance with id "1000000000000000001" not found.')));
  it('Google Success', async () => expect(await run('gcp-single-agent', 'gcp')).toEqual(ok(DEV)));
  it('Google Ambiguous/GoogleWithSelector', async () => expect(await run('gcp-multi-agent', 'gcp', 'alpha')).toEqual(ok(ALPHA)));
  it('#25443 Ambiguous/PriorBuildAgentsExcluded', async () => expect(await run('aws-stale-build', 'aws', undefined, 'pr25443')).toEqual(ok(MAIN1)));
  it('fork RecycledInstanceID: an id only on a prior build gives 404 (pr25443)', async () =>
    expect(await run('aws-stale-only', 'aws', undefined, 'pr25443')).toEqual(err(404, `Instance with id "${ID.aws}" not found.`)));
});

describe.each(['aws', 'azure', 'gcp'] as CloudName[])('%s: agent selection', (cloud) => {
  it('409 lists names byte-sorted with duplicates, no trailing period', async () =>
    expect(await run(`${cloud}-duplicate-names`, cloud)).toEqual(ambiguous(cloud, 'dev, main, main')));
  it('a duplicated name picks the newest candidate', async () => expect(await run(`${cloud}-duplicate-names`, cloud, 'main')).toEqual(ok(MAIN1)));
  it('Unicode white space around the name is trimmed (U+0085, U+00A0, U+3000, tab)', async () =>
    expect(await run(`${cloud}-multi-agent`, cloud, '\u0085\u00a0\talpha\u3000\n')).toEqual(ok(ALPHA)));
  it('a name of only Unicode white space is unset', async () =>
    expect(await run(`${cloud}-multi-agent`, cloud, '\u0085\u00a0\u3000\u2028')).toEqual(ambiguous(cloud, 'alpha, beta')));
  it('U+FEFF is not white space: 404 with \\ufeff in the %q', async () => {
    const a = await run(`${cloud}-single-agent`, cloud, '\ufeffdev');
    expect(a).toEqual(err(404, `No agent found with instance ID "${ID[cloud]}" and name "\\ufeffdev".`));
    expect(a.body).toBe(`{"message":"No agent found with instance ID \\"${ID[cloud]}\\" and name \\"\\\\ufeffdev\\"."}\n`);
  });
  it('names are matched case-sensitively; the message is HTML-escaped', async () => {
    const a = await run(`${cloud}-single-agent`, cloud, 'Dev<&>');
    expect(a.body).toBe(`{"message":"No agent found with instance ID \\"${ID[cloud]}\\" and name \\"Dev\\u003c\\u0026\\u003e\\"."}\n`);
  });
  it('template-import agents are not candidates', async () => expect(await run(`${cloud}-template-import`, cloud)).toEqual(ok(DEV)));
  it('deleted agents are not candidates', async () => expect(await run(`${cloud}-deleted-agent`, cloud)).toEqual(ok(ALPHA)));
  it('unknown instance: 404', async () => {
    const a = await run(`${cloud}-unknown-instance`, cloud);
    expect(a.status).toBe(404);
    expect(JSON.parse(a.body)).toEqual({ message: expect.stringMatching(/^Instance with id ".+" not found\.$/) });
  });

  it('stale build: pr24325 409 "main, main"; pr25443/pr26883/pre-agent-name the latest agent', async () => {
    expect(await run(`${cloud}-stale-build`, cloud)).toEqual(ambiguous(cloud, 'main, main'));
    expect(await run(`${cloud}-stale-build`, cloud, undefined, 'pr25443')).toEqual(ok(MAIN1));
    expect(await run(`${cloud}-stale-build`, cloud, undefined, 'pr26883')).toEqual(ok(MAIN1));
    expect(await run(`${cloud}-stale-build`, cloud, undefined, 'pre-agent-name')).toEqual(ok(MAIN1));
  });
  it('stale only: pr24325 400 latest-history; pr25443 404; pre-agent-name 400', async () => {
    const latest = err(400, `Resource found for id "${ID[cloud]}", but isn't registered on the latest history.`);
    expect(await run(`${cloud}-stale-only`, cloud)).toEqual(latest);
    expect(await run(`${cloud}-stale-only`, cloud, undefined, 'pr25443')).toEqual(err(404, `Instance with id "${ID[cloud]}" not found.`));
    expect(await run(`${cloud}-stale-only`, cloud, undefined, 'pre-agent-name')).toEqual(latest);
  });
  it('deleted workspace (latest build = the delete build): pr24325/pre-agent-name 400 latest-history, pr25443/pr26883 404', async () => {
    const latest = err(400, `Resource found for id "${ID[cloud]}", but isn't registered on the latest history.`);
    expect(await run(`${cloud}-deleted-workspace`, cloud)).toEqual(latest);
    expect(await run(`${cloud}-deleted-workspace`, cloud, undefined, 'pre-agent-name')).toEqual(latest);
    expect(await run(`${cloud}-deleted-workspace`, cloud, undefined, 'pr25443')).toEqual(err(404, `Instance with id "${ID[cloud]}" not found.`));
    expect(await run(`${cloud}-deleted-workspace`, cloud, undefined, 'pr26883')).toEqual(err(404, `Instance with id "${ID[cloud]}" not found.`));
  });
  it('pre-agent-name: newest agent, name ignored, no 409', async () => {
    expect(await run(`${cloud}-multi-agent`, cloud, 'alpha', 'pre-agent-name')).toEqual(ok(BETA));
    expect(await run(`${cloud}-sub-agent`, cloud, undefined, 'pre-agent-name')).toEqual(ok(SUB));
    expect(await run(`${cloud}-template-import`, cloud, undefined, 'pre-agent-name')).toEqual(
      err(400, '"template_version_import" jobs cannot be authenticated.'),
    );
  });
});

describe('httpapi.Read of the request body', () => {
  const AWS = '/api/v2/workspaceagents/aws-instance-identity';
  const read = async (body: string, path = AWS) => {
    const sim = await simFor('aws-single-agent');
    const a = await post(sim, path, body);
    return { status: a.status, contentType: a.contentType, body: a.body };
  };
  const bad = (detail: string) => ({ status: 400, contentType: CT, body: goJSON({ message: 'Request body must be valid JSON.', detail }) });
  const required = (...fields: string[]) => ({
    status: 400,
    contentType: CT,
    body: goJSON({
      message: 'Validation failed.',
      validations: fields.map((field) => ({ field, detail: 'Validation failed for tag "required" with value: ""' })),
    }),
  });

  it('empty body → EOF', async () => expect(await read('')).toEqual(bad('EOF')));
  it('syntax error', async () => expect(await read('x')).toEqual(bad("invalid character 'x' looking for beginning of value")));
  it('truncated', async () => expect(await read('{"signature":')).toEqual(bad('unexpected EOF')));
  it('not an object', async () =>
    expect(await read('[]')).toEqual(bad('json: cannot unmarshal array into Go value of type agentsdk.AWSInstanceIdentityToken')));
  it('wrong field type', async () =>
    expect(await read('{"signature":1,"document":"x"}')).toEqual(
      bad('json: cannot unmarshal number into Go struct field AWSInstanceIdentityToken.signature of type string'),
    ));
  it('missing required field', async () => expect(await read('{"document":"x"}')).toEqual(required('signature')));
  it('every missing required field, in struct order', async () => expect(await read('{}')).toEqual(required('signature', 'document')));
  it('null is an empty struct', async () => expect(await read('null')).toEqual(required('signature', 'document')));
  it('azure and google structs', async () => {
    expect(await read('{"signature":"x"}', '/api/v2/workspaceagents/azure-instance-identity')).toEqual(required('encoding'));
    expect(await read('{}', '/api/v2/workspaceagents/google-instance-identity')).toEqual(required('json_web_token'));
    expect(await read('{"json_web_token":true}', '/api/v2/workspaceagents/google-instance-identity')).toEqual(
      bad('json: cannot unmarshal bool into Go struct field GoogleInstanceIdentityToken.json_web_token of type string'),
    );
  });
  it('members apply in document order: a duplicate of the wrong type first is still a type error (encoding/json keeps the first error)', async () =>
    expect(await read('{"signature":1,"signature":"x","document":"y"}')).toEqual(
      bad('json: cannot unmarshal number into Go struct field AWSInstanceIdentityToken.signature of type string'),
    ));
  it('an unknown member is skipped unread, even a number no float64 holds', async () => {
    const sim = await simFor('aws-single-agent');
    const p = await awsProof(sim);
    const a = await post(sim, AWS, `{"x":1e400,"signature":${JSON.stringify(p.signature)},"document":${JSON.stringify(p.document)}}`);
    expect(a.body).toBe(goJSON({ session_token: DEV }));
  });
  it('agent_name of the wrong type: a type error from PR24325 on, an unknown member before it', async () => {
    const body = async (revision: Parameters<typeof simFor>[1]) => {
      const sim = await simFor('aws-single-agent', revision);
      const p = await awsProof(sim);
      const a = await post(sim, AWS, `{"signature":${JSON.stringify(p.signature)},"document":${JSON.stringify(p.document)},"agent_name":5}`);
      return { status: a.status, contentType: a.contentType, body: a.body };
    };
    expect(await body('pr24325')).toEqual(bad('json: cannot unmarshal number into Go struct field AWSInstanceIdentityToken.agent_name of type string'));
    expect(await body('pre-agent-name')).toEqual(ok(DEV));
  });
  it('field names match case-insensitively and trailing data is ignored', async () => {
    const sim = await simFor('aws-single-agent');
    const p = await awsProof(sim);
    const a = await post(sim, AWS, `{"SIGNATURE":${JSON.stringify(p.signature)},"Document":${JSON.stringify(p.document)}} trailing`);
    expect(a.body).toBe(goJSON({ session_token: DEV }));
  });
  it('Go folds U+017F (long s) to s and U+212A (Kelvin) to k in field names; other letters only by case', async () => {
    const sim = await simFor('aws-single-agent');
    const p = await awsProof(sim);
    const a = await post(sim, AWS, `{"\u017fignature":${JSON.stringify(p.signature)},"document":${JSON.stringify(p.document)}}`);
    expect(a.body).toBe(goJSON({ session_token: DEV }));
    const g = '/api/v2/workspaceagents/google-instance-identity';
    expect(await read('{"json_web_to\u212aen":"x.y"}', g)).toEqual({
      status: 401,
      contentType: CT,
      body: goJSON({ message: 'Invalid GCP identity.', detail: 'idtoken: invalid token, token must have three segments; found 2' }),
    });
    // U+0130 (dotted capital I) is not in i's simple-fold orbit: an unknown key, so the field stays empty.
    expect(await read('{"s\u0130gnature":"x","document":"y"}')).toEqual(required('signature'));
  });
  it('a forged AWS signature → 401 Invalid AWS identity.', async () => {
    const sim = await simFor('aws-single-agent');
    const p = await awsProof(sim);
    const a = await post(sim, AWS, sdkBody({ signature: Buffer.alloc(256, 0x5a).toString('base64'), document: p.document }));
    expect({ status: a.status, body: a.body }).toEqual({
      status: 401,
      body: goJSON({ message: 'Invalid AWS identity.', detail: 'crypto/rsa: verification error' }),
    });
  });
});

describe('proofs that fail coderd checks (issue #10: scenario settings of machine.azure / machine.gcp)', () => {
  const invalid = (message: string, detail: string) => ({ status: 401, contentType: CT, body: goJSON({ message, detail }) });
  const AZURE_FAILED = 'signature verification failed after fetching issuing certificates';
  const PRE = 'pre-agent-name';
  it('Azure: a signer common name outside the allow-list, on every revision', async () => {
    for (const rev of [PRE, 'pr24325', 'pr26883'] as const) {
      expect(await run('azure-wrong-cn', 'azure', undefined, rev)).toEqual(
        invalid('Invalid Azure identity.', 'unmatched common name of signer: "metadata.azure.evil.com"'),
      );
    }
  });
  it("Azure: an expired signer certificate: Go's x509 text before pr24325, the one smallstep text from pr24325", async () => {
    const pre = await run('azure-expired-signer', 'azure', undefined, PRE);
    expect(pre.status).toBe(401);
    const body = JSON.parse(pre.body) as { message: string; detail: string };
    expect(body.message).toBe('Invalid Azure identity.');
    expect(body.detail).toMatch(
      /^verify signature: x509: certificate has expired or is not yet valid: current time \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ is after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    expect(pre.body).toBe(goJSON(body));
    for (const rev of ['pr24325', 'pr26883'] as const) {
      expect(await run('azure-expired-signer', 'azure', undefined, rev)).toEqual(invalid('Invalid Azure identity.', AZURE_FAILED));
    }
  });
  it('Azure: a signer from an unknown authority', async () => {
    expect(await run('azure-unknown-authority', 'azure', undefined, PRE)).toEqual(
      invalid('Invalid Azure identity.', 'x509: certificate signed by unknown authority'),
    );
    for (const rev of ['pr24325', 'pr26883'] as const) {
      expect(await run('azure-unknown-authority', 'azure', undefined, rev)).toEqual(invalid('Invalid Azure identity.', AZURE_FAILED));
    }
  });
  it('Azure: content changed under an intact signer certificate: looked up before pr24325 (404), refused from pr24325 (401)', async () => {
    expect(await run('azure-tampered-content', 'azure', undefined, PRE)).toEqual(
      err(404, 'Instance with id "9f3c6a3e-0000-4000-8000-00000000dead" not found.'),
    );
    for (const rev of ['pr24325', 'pr25443', 'pr26883'] as const) {
      expect(await run('azure-tampered-content', 'azure', undefined, rev)).toEqual(invalid('Invalid Azure identity.', AZURE_FAILED));
    }
  });
  it('GCP: a key id the JWKS does not have; an algorithm idtoken does not take', async () => {
    expect(await run('gcp-wrong-key-id', 'gcp')).toEqual(
      invalid('Invalid GCP identity.', 'idtoken: could not find matching cert keyId for the token provided'),
    );
    expect(await run('gcp-wrong-algorithm', 'gcp', undefined, PRE)).toEqual(
      invalid('Invalid GCP identity.', 'idtoken: expected JWT signed with RS256 or ES256 but found "HS256"'),
    );
  });
});
