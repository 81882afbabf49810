// The `machine:` section of a scenario: which cloud the simulated machine runs on and its identity
// (TypeScript type, JSON Schema 2020-12 for the scenario schema, and defaults for omitted fields).
import { AWS_DOCUMENT_DEFAULTS, GCP_DEFAULTS } from './choices.ts';

export interface AwsMachine {
  instanceId: string;
  region?: string;
  accountId?: string;
  availabilityZone?: string;
  instanceType?: string;
  imageId?: string;
  privateIp?: string;
  architecture?: string;
  /** RFC 3339 UTC, e.g. 2026-01-01T00:00:00Z. */
  pendingTime?: string;
}

export interface AzurePlan {
  name?: string;
  product?: string;
  publisher?: string;
}

export interface AzureMachine {
  vmId: string;
  subscriptionId?: string;
  sku?: string;
  licenseType?: string;
  plan?: AzurePlan;
  /** Attested documents are signed by a leaf of the suite CA with this common name (default metadata.azure.com). */
  signerCommonName?: string;
  /** `expired`: the signing leaf expired a day ago; `unknown-authority`: it is issued by a CA coderd does not trust. */
  signerCertificate?: 'expired' | 'unknown-authority';
  /** The signed content is replaced, after signing, by the same document with this vmId (signature and certificate intact). */
  tamperedVmId?: string;
}

export interface GcpMachine {
  instanceId: string;
  projectId?: string;
  projectNumber?: number;
  zone?: string;
  instanceName?: string;
  /** Unix seconds. */
  instanceCreationTimestamp?: number;
  /** Service accounts the metadata server knows: `default` and/or emails. Default `[default]`. */
  serviceAccounts?: string[];
  /** true: identity tokens are issued already expired. */
  expired?: boolean;
  /** The `kid` of the identity tokens' header (default: the suite key's id): a key the JWKS does not have. */
  keyId?: string;
  /** The `alg` of the identity tokens' header (default RS256); the token is still signed RS256. */
  algorithm?: string;
  /**
   * Replaces the `google` claim of full-format identity tokens with this JSON value (e.g. a string, or
   * `{compute_engine: {instance_id: 5}}`): a token signed like any other whose claims coderd's
   * mapstructure decoding rejects (400 `Error decoding JWT claims.`). Absent: the real claim.
   */
  googleClaim?: unknown;
}

/** Every part optional: an absent cloud's metadata service answers as "not that cloud". */
export interface MetadataConfig {
  aws?: AwsMachine;
  azure?: AzureMachine;
  gcp?: GcpMachine;
}

const str = { type: 'string', minLength: 1 } as const;

/** JSON Schema (2020-12) of MetadataConfig; the scenario schema embeds it for `machine:`. */
export const metadataSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:coder-conformance:cloud-machine',
  title: 'Simulated cloud machine',
  description: 'Which metadata services the simulated machine offers, and its instance identity. An absent cloud answers 404.',
  type: 'object',
  additionalProperties: false,
  properties: {
    aws: {
      type: 'object',
      additionalProperties: false,
      required: ['instanceId'],
      properties: {
        instanceId: { ...str, description: 'instanceId in the identity document (coderd matches agents on it)' },
        region: str,
        accountId: { type: 'string', pattern: '^[0-9]{12}$' },
        availabilityZone: str,
        instanceType: str,
        imageId: str,
        privateIp: str,
        architecture: str,
        pendingTime: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' },
      },
    },
    azure: {
      type: 'object',
      additionalProperties: false,
      required: ['vmId'],
      properties: {
        vmId: { ...str, description: 'vmId in the attested document (coderd matches agents on it)' },
        subscriptionId: { type: 'string' },
        sku: { type: 'string' },
        licenseType: { type: 'string' },
        plan: {
          type: 'object',
          additionalProperties: false,
          properties: { name: { type: 'string' }, product: { type: 'string' }, publisher: { type: 'string' } },
        },
        signerCommonName: { type: 'string', description: 'common name of the signing leaf (default metadata.azure.com)' },
        signerCertificate: {
          enum: ['expired', 'unknown-authority'],
          description: 'expired: the signing leaf expired a day ago; unknown-authority: issued by a CA coderd does not trust',
        },
        tamperedVmId: { ...str, description: 'the signed content is replaced after signing by the document with this vmId' },
      },
    },
    gcp: {
      type: 'object',
      additionalProperties: false,
      required: ['instanceId'],
      properties: {
        instanceId: { ...str, description: 'google.compute_engine.instance_id claim (coderd matches agents on it)' },
        projectId: str,
        projectNumber: { type: 'integer', minimum: 1 },
        zone: str,
        instanceName: str,
        instanceCreationTimestamp: { type: 'integer', minimum: 0 },
        serviceAccounts: { type: 'array', items: str, uniqueItems: true },
        expired: { type: 'boolean' },
        keyId: { type: 'string', description: 'kid of the token header (default: the suite key id)' },
        algorithm: { type: 'string', description: 'alg of the token header (default RS256; the token is still signed RS256)' },
        googleClaim: { description: 'replaces the google claim of full-format tokens (any JSON value)' },
      },
    },
  },
} as const;

export type ResolvedAws = Required<AwsMachine>;
export interface ResolvedAzure {
  vmId: string;
  subscriptionId: string;
  sku: string;
  licenseType: string;
  plan: Required<AzurePlan>;
  signerCommonName: string | undefined;
  signerCertificate: AzureMachine['signerCertificate'];
  tamperedVmId: string | undefined;
}
export type ResolvedGcp = Required<Omit<GcpMachine, 'googleClaim' | 'keyId' | 'algorithm'>> & { googleClaim?: unknown; keyId?: string; algorithm?: string };

export function resolveAws(m: AwsMachine): ResolvedAws {
  const d = AWS_DOCUMENT_DEFAULTS;
  return {
    instanceId: m.instanceId,
    region: m.region ?? d.region,
    accountId: m.accountId ?? d.accountId,
    availabilityZone: m.availabilityZone ?? d.availabilityZone,
    instanceType: m.instanceType ?? d.instanceType,
    imageId: m.imageId ?? d.imageId,
    privateIp: m.privateIp ?? d.privateIp,
    architecture: m.architecture ?? d.architecture,
    pendingTime: m.pendingTime ?? d.pendingTime,
  };
}

export function resolveAzure(m: AzureMachine): ResolvedAzure {
  return {
    vmId: m.vmId,
    subscriptionId: m.subscriptionId ?? '',
    sku: m.sku ?? '',
    licenseType: m.licenseType ?? '',
    plan: { name: m.plan?.name ?? '', product: m.plan?.product ?? '', publisher: m.plan?.publisher ?? '' },
    signerCommonName: m.signerCommonName,
    signerCertificate: m.signerCertificate,
    tamperedVmId: m.tamperedVmId,
  };
}

export function resolveGcp(m: GcpMachine): ResolvedGcp {
  const d = GCP_DEFAULTS;
  return {
    instanceId: m.instanceId,
    projectId: m.projectId ?? d.projectId,
    projectNumber: m.projectNumber ?? d.projectNumber,
    zone: m.zone ?? d.zone,
    instanceName: m.instanceName ?? d.instanceName,
    instanceCreationTimestamp: m.instanceCreationTimestamp ?? d.instanceCreationTimestamp,
    serviceAccounts: m.serviceAccounts ?? [...d.serviceAccounts],
    expired: m.expired ?? false,
    ...(m.googleClaim !== undefined ? { googleClaim: m.googleClaim } : {}),
    ...(m.keyId !== undefined ? { keyId: m.keyId } : {}),
    ...(m.algorithm !== undefined ? { algorithm: m.algorithm } : {}),
  };
}
