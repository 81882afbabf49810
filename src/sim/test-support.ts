// Helpers shared by the src/sim tests (not used at runtime): one set of cloud keys per test file,
// worlds from scenario names, raw in-process calls through the handlers, and identity proofs
// fetched from the metadata handlers the way the upstream agent SDK fetches them.
import { getResponse, type HttpHandler } from 'msw';
import { createCloudKeys, type CloudKeys } from './cloud/index.ts';
import { createHandlers } from './handlers.ts';
import { loadScenario } from './scenario/load.ts';
import type { Revision } from './scenario/types.ts';
import { createWorld, type World } from './world.ts';

let keys: Promise<CloudKeys> | undefined;
export function sharedKeys(): Promise<CloudKeys> {
  keys ??= createCloudKeys();
  return keys;
}

export interface Sim {
  world: World;
  handlers: HttpHandler[];
}

export async function simFor(scenario: string, revision?: Revision): Promise<Sim> {
  const world = await createWorld(loadScenario(scenario), { revision, keys: await sharedKeys() });
  return { world, handlers: createHandlers(world) };
}

export interface Answer {
  status: number;
  contentType: string | null;
  body: string;
  headers: Headers;
}

export const CODERD = 'http://coderd.test';

export async function call(
  sim: Sim,
  method: string,
  url: string,
  init: { headers?: Record<string, string>; body?: string; signal?: AbortSignal } = {},
): Promise<Answer> {
  const request = new Request(url.startsWith('http') ? url : CODERD + url, {
    method,
    headers: init.headers,
    body: init.body,
    signal: init.signal,
  });
  const response = await getResponse(sim.handlers, request);
  if (!response) throw new Error(`no handler answered ${method} ${url}`);
  if (response.type === 'error') return { status: 0, contentType: null, body: '', headers: new Headers() };
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text(), headers: response.headers };
}

/** POST a JSON body (compact, no HTML escaping, trailing newline, as the Go SDK does). */
export function post(sim: Sim, path: string, body: string): Promise<Answer> {
  return call(sim, 'POST', path, { headers: { 'Content-Type': 'application/json' }, body });
}

export async function awsProof(sim: Sim): Promise<{ signature: string; document: string }> {
  const token = (await call(sim, 'PUT', 'http://169.254.169.254/latest/api/token', { headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '21600' } })).body;
  const h = { 'X-aws-ec2-metadata-token': token };
  const signature = (await call(sim, 'GET', 'http://169.254.169.254/latest/dynamic/instance-identity/signature', { headers: h })).body;
  const document = (await call(sim, 'GET', 'http://169.254.169.254/latest/dynamic/instance-identity/document', { headers: h })).body;
  return { signature, document };
}

export async function azureProof(sim: Sim): Promise<{ signature: string; encoding: string }> {
  const a = await call(sim, 'GET', 'http://169.254.169.254/metadata/attested/document?api-version=2020-09-01', { headers: { Metadata: 'true' } });
  const doc = JSON.parse(a.body) as { signature: string; encoding: string };
  return { signature: doc.signature, encoding: doc.encoding };
}

export async function gcpProof(sim: Sim): Promise<string> {
  const a = await call(sim, 'GET', 'http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity?audience=coder&format=full', {
    headers: { 'Metadata-Flavor': 'Google' },
  });
  return a.body;
}

/** The body the Go SDK posts: json.Encoder without HTML escaping + "\n"; agent_name only when set. */
export function sdkBody(fields: Record<string, string>, agentName?: string): string {
  const all = agentName === undefined || agentName === '' ? fields : { ...fields, agent_name: agentName };
  return JSON.stringify(all) + '\n';
}

export type CloudName = 'aws' | 'azure' | 'gcp';

/** Exchange the machine's identity for a session token, as the SDK would (optionally naming an agent). */
export async function exchange(sim: Sim, cloud: CloudName, agentName?: string): Promise<Answer> {
  switch (cloud) {
    case 'aws': {
      const p = await awsProof(sim);
      return post(sim, '/api/v2/workspaceagents/aws-instance-identity', sdkBody({ signature: p.signature, document: p.document }, agentName));
    }
    case 'azure': {
      const p = await azureProof(sim);
      return post(sim, '/api/v2/workspaceagents/azure-instance-identity', sdkBody({ signature: p.signature, encoding: p.encoding }, agentName));
    }
    case 'gcp': {
      const jwt = await gcpProof(sim);
      return post(sim, '/api/v2/workspaceagents/google-instance-identity', sdkBody({ json_web_token: jwt }, agentName));
    }
  }
}

/** coderd's error/success body text: compact JSON + "\n" (what jsonEncode produces). */
export function goJSON(value: unknown): string {
  return JSON.stringify(value) + '\n';
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A real node:http request to the loopback simulator (path may be absolute-form for the proxy). */
export async function send(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
