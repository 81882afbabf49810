// Fresh instance-identity proofs read from the simulator's metadata services, for provider-state
// injection during verification: the simulator signs with keys made per process, so a proof
// recorded in the pact cannot verify later; the state handler hands the verifier a current one
// (the consumer side marks these fields with MatchersV3.fromProviderState).
// AWS and Azure metadata are reached through the simulator's forward proxy (HTTP_PROXY), GCP
// through GCE_METADATA_HOST, exactly as an agent on that machine would.
import http from 'node:http';
import type { Cloud } from '../openapi/index.ts';

export type { Cloud };

export interface AwsProof {
  signature: string;
  document: string;
}
export interface AzureProof {
  signature: string;
  encoding: string;
}
export interface GcpProof {
  json_web_token: string;
}
export type Proof = AwsProof | AzureProof | GcpProof;

interface Reply {
  status: number;
  body: string;
}

function send(proxyOrOrigin: string, target: string, method: string, headers: Record<string, string>): Promise<Reply> {
  const via = new URL(proxyOrOrigin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: via.hostname,
        port: via.port,
        method,
        // Absolute-form request target: what a client sends to a forward proxy.
        path: target,
        headers: { ...headers, host: new URL(target).host },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', (e) => reject(new Error(`${method} ${target} via ${via.origin}: ${e.message}`)));
    req.end();
  });
}

function need(env: Record<string, string>, key: string): string {
  const v = env[key];
  if (v === undefined || v === '') throw new Error(`simulator env has no ${key}; cannot read metadata`);
  return v;
}

function ok(r: Reply, what: string): string {
  if (r.status !== 200) throw new Error(`${what}: metadata answered ${r.status}: ${r.body.slice(0, 200)}`);
  return r.body;
}

const IMDS = 'http://169.254.169.254';

export async function readAwsProof(env: Record<string, string>): Promise<AwsProof> {
  const proxy = need(env, 'HTTP_PROXY');
  const token = ok(await send(proxy, `${IMDS}/latest/api/token`, 'PUT', { 'X-aws-ec2-metadata-token-ttl-seconds': '21600' }), 'AWS IMDS token');
  const h = { 'X-aws-ec2-metadata-token': token };
  const signature = ok(await send(proxy, `${IMDS}/latest/dynamic/instance-identity/signature`, 'GET', h), 'AWS identity signature');
  const document = ok(await send(proxy, `${IMDS}/latest/dynamic/instance-identity/document`, 'GET', h), 'AWS identity document');
  return { signature, document };
}

export async function readAzureProof(env: Record<string, string>): Promise<AzureProof> {
  const proxy = need(env, 'HTTP_PROXY');
  const body = ok(await send(proxy, `${IMDS}/metadata/attested/document?api-version=2020-09-01`, 'GET', { Metadata: 'true' }), 'Azure attested document');
  const doc = JSON.parse(body) as { signature?: unknown; encoding?: unknown };
  if (typeof doc.signature !== 'string' || typeof doc.encoding !== 'string') {
    throw new Error(`Azure attested document lacks signature/encoding: ${body.slice(0, 200)}`);
  }
  return { signature: doc.signature, encoding: doc.encoding };
}

export async function readGcpProof(env: Record<string, string>): Promise<GcpProof> {
  const host = need(env, 'GCE_METADATA_HOST');
  const target = `http://${host}/computeMetadata/v1/instance/service-accounts/default/identity?audience=coder&format=full`;
  const jwt = ok(await send(`http://${host}`, target, 'GET', { 'Metadata-Flavor': 'Google' }), 'GCP identity token');
  return { json_web_token: jwt };
}

export function readProof(cloud: Cloud, env: Record<string, string>): Promise<Proof> {
  switch (cloud) {
    case 'aws':
      return readAwsProof(env);
    case 'azure':
      return readAzureProof(env);
    case 'gcp':
      return readGcpProof(env);
  }
}

/** The cloud a scenario name belongs to (`aws-multi-agent` → aws), or undefined. */
export function cloudOfScenario(name: string): Cloud | undefined {
  const m = /^(aws|azure|gcp)-/.exec(name);
  return m ? (m[1] as Cloud) : undefined;
}
