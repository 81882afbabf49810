// The cloud registry derived from openapi.yaml: names, exchanges, auth values, metadata hosts and paths.
import { describe, expect, it } from 'vitest';
import { CLOUD_REGISTRY, isMetadataPath, METADATA_HOSTS, metadataCloudOf } from './clouds.ts';
import { CLOUDS, operations } from './contract.ts';

describe('the cloud registry', () => {
  it('has each cloud of openapi.yaml with its exchange, auth value and metadata operations', () => {
    expect(CLOUDS).toEqual(['aws', 'azure', 'gcp']);
    expect(CLOUDS.map((c) => [CLOUD_REGISTRY[c].exchange.operationId, CLOUD_REGISTRY[c].auth])).toEqual([
      ['authAwsInstanceIdentity', 'aws-instance-identity'],
      ['authAzureInstanceIdentity', 'azure-instance-identity'],
      ['authGoogleInstanceIdentity', 'google-instance-identity'],
    ]);
    expect(CLOUD_REGISTRY.gcp.metadata.map((o) => o.operationId)).toEqual(['gcpGetIdentityToken']);
    expect(CLOUD_REGISTRY.gcp.operations.map((o) => o.operationId)).toEqual(['gcpGetIdentityToken', 'gcpGetCerts']);
    expect(CLOUD_REGISTRY.aws.metadataPathPrefixes).toEqual(['/latest/']);
  });
  it('derives the metadata hosts and routes paths without an operation to a cloud', () => {
    expect(METADATA_HOSTS).toEqual(['169.254.169.254', 'metadata.google.internal']);
    expect(isMetadataPath('/computeMetadata/v1/x')).toBe(true);
    expect(isMetadataPath('/oauth2/v3/certs')).toBe(false);
    expect(metadataCloudOf('/metadata/nope', '127.0.0.1')).toBe('azure');
    expect(metadataCloudOf('/elsewhere', 'metadata.google.internal')).toBe('gcp');
    expect(metadataCloudOf('/elsewhere', '169.254.169.254')).toBeUndefined();
  });
  it('names every metadata operation after its cloud (src/sim/cloud/names.ts derives CloudOperationId from that)', () => {
    for (const c of CLOUDS) for (const o of CLOUD_REGISTRY[c].operations) expect(o.operationId.startsWith(c)).toBe(true);
    for (const o of operations) if (!CLOUDS.some((c) => o.operationId.startsWith(c))) expect(o.path.startsWith('/api/v2/')).toBe(true);
  });
});
