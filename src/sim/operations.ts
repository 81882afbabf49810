// The operations the simulators answer (operationIds of openapi.yaml): method, path pattern and
// which service owns each. Used to route faults, tag journal entries and register handlers.
import type { OperationId } from './scenario/types.ts';

export type Service = 'coderd' | 'aws' | 'azure' | 'gcp';

export interface Operation {
  id: OperationId;
  method: string;
  /** Path (RegExp source, anchored) */
  path: RegExp;
  service: Service;
}

export const OPERATIONS: readonly Operation[] = [
  { id: 'authAwsInstanceIdentity', method: 'POST', path: /^\/api\/v2\/workspaceagents\/aws-instance-identity$/, service: 'coderd' },
  { id: 'authAzureInstanceIdentity', method: 'POST', path: /^\/api\/v2\/workspaceagents\/azure-instance-identity$/, service: 'coderd' },
  { id: 'authGoogleInstanceIdentity', method: 'POST', path: /^\/api\/v2\/workspaceagents\/google-instance-identity$/, service: 'coderd' },
  { id: 'getWorkspaceAgentExternalAuth', method: 'GET', path: /^\/api\/v2\/workspaceagents\/me\/external-auth$/, service: 'coderd' },
  { id: 'awsPutToken', method: 'PUT', path: /^\/latest\/api\/token$/, service: 'aws' },
  { id: 'awsGetIdentitySignature', method: 'GET', path: /^\/latest\/dynamic\/instance-identity\/signature$/, service: 'aws' },
  { id: 'awsGetIdentityDocument', method: 'GET', path: /^\/latest\/dynamic\/instance-identity\/document$/, service: 'aws' },
  { id: 'azureGetAttestedDocument', method: 'GET', path: /^\/metadata\/attested\/document$/, service: 'azure' },
  { id: 'gcpGetIdentityToken', method: 'GET', path: /^\/computeMetadata\/v1\/instance\/service-accounts\/[^/]+\/identity$/, service: 'gcp' },
  { id: 'gcpGetCerts', method: 'GET', path: /^\/oauth2\/v3\/certs$/, service: 'gcp' },
];

export function operationById(id: OperationId): Operation {
  const op = OPERATIONS.find((o) => o.id === id);
  if (!op) throw new Error(`unknown operation ${id}`);
  return op;
}

/** The operation a method + path belongs to (by the table, whatever the host). */
export function operationFor(method: string, path: string): Operation | undefined {
  return OPERATIONS.find((o) => o.method === method.toUpperCase() && o.path.test(path));
}

/** Paths that belong to a metadata service (answered on origin-form requests too, e.g. GCE_METADATA_HOST). */
export function isMetadataPath(path: string): boolean {
  return path.startsWith('/latest/') || path.startsWith('/metadata/') || path.startsWith('/computeMetadata/');
}

export const METADATA_HOSTS: readonly string[] = ['169.254.169.254', 'metadata.google.internal'];
