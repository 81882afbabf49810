// Public API of the cloud half of the simulators: test keys, the `machine:` schema, the AWS/Azure/GCP
// metadata-service MSW handlers, and the identity-proof verifiers coderd's simulator uses.
export { createCloudKeys, createTestCa, createAzureSigner, createGcpKeys, AZURE_SIGNER_CN } from './keys.ts';
export type { CloudKeys, AwsKeys, AzureKeys, GcpKeys } from './keys.ts';
export { metadataSchema } from './config.ts';
export type { MetadataConfig, AwsMachine, AzureMachine, GcpMachine, AzurePlan } from './config.ts';
