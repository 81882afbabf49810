// POST /api/v2/workspaceagents/<auth>-instance-identity for each cloud of src/openapi's registry (behavior.md §4): read the body
// like httpapi.Read, check the proof with the cloud verifiers (401 Invalid AWS/Azure/GCP identity.,
// 400 for undecodable GCP claims), select the agent for the World's revision, answer
// {"session_token": <the agent's token>}.
import { verifyAwsIdentity, verifyAzureIdentity, verifyGoogleIdentity } from '../cloud/index.ts';
import type { Cloud } from '../../openapi/index.ts';
import { traitsOf } from '../../revisions/index.ts';
import type { World } from '../world.ts';
import { AWS_TOKEN, AZURE_TOKEN, GOOGLE_TOKEN, readStruct, withoutAgentName, type StructSpec } from './read-body.ts';
import { writeError, writeJSON } from './respond.ts';
import { selectAgent } from './select-agent.ts';

type Verified = { ok: true; instanceId: string } | { ok: false; response: Response };

/** Per cloud of openapi.yaml (src/openapi's registry): the request struct coderd reads and its proof verifier. */
const PROOFS: Record<Cloud, { spec: StructSpec; verify(world: World, v: Record<string, string>): Promise<Verified> }> = {
  aws: {
    spec: AWS_TOKEN,
    async verify(world, v) {
      const r = await verifyAwsIdentity(world.keys, v.signature, v.document);
      return r.ok ? r : { ok: false, response: writeError(401, { message: 'Invalid AWS identity.', detail: r.detail }) };
    },
  },
  azure: {
    spec: AZURE_TOKEN,
    async verify(world, v) {
      const mode = traitsOf(world.revision).azureContentSignature ? 'content-and-chain' : 'chain-only';
      const r = verifyAzureIdentity(world.keys, v.signature, world.now(), mode);
      return r.ok ? r : { ok: false, response: writeError(401, { message: 'Invalid Azure identity.', detail: r.detail }) };
    },
  },
  gcp: {
    spec: GOOGLE_TOKEN,
    async verify(world, v) {
      const r = await verifyGoogleIdentity(world.keys, v.json_web_token, world.now());
      if (r.ok) return r;
      const message = r.status === 400 ? 'Error decoding JWT claims.' : 'Invalid GCP identity.';
      return { ok: false, response: writeError(r.status, { message, detail: r.detail }) };
    },
  },
};

export async function instanceIdentityHandler(world: World, cloud: Cloud, request: Request): Promise<Response> {
  const body = new Uint8Array(await request.arrayBuffer());
  const proof = PROOFS[cloud];
  const spec = !traitsOf(world.revision).agentName ? withoutAgentName(proof.spec) : proof.spec;
  const read = readStruct(body, spec);
  if (!read.ok) return read.response;
  const verified = await proof.verify(world, read.values);
  if (!verified.ok) return verified.response;
  const selection = selectAgent(world.revision, world.agents, verified.instanceId, read.values.agent_name);
  if (!selection.ok) return writeError(selection.status, { message: selection.message });
  return writeJSON(200, new Map([['session_token', selection.agent.token]]));
}
