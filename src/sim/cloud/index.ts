// Public API of the cloud half of the simulators: test keys, the `machine:` schema, the AWS/Azure/GCP
// metadata-service MSW handlers (named by operationId), and the identity-proof verifiers coderd's
// simulator uses.
export { createCloudKeys, createTestCa, createAzureSigner, createGcpKeys, mintCloudKeys, exportCloudKeys, importCloudKeys, AZURE_SIGNER_CN } from './keys.ts';
export type { CloudKeys, CloudKeysData, AwsKeys, AzureKeys, GcpKeys } from './keys.ts';
export { cloudKeyFiles, writeCloudKeyFiles } from './key-files.ts';
export { metadataSchema } from './config.ts';
export type { MetadataConfig, AwsMachine, AzureMachine, GcpMachine, AzurePlan } from './config.ts';
export { metadataHandlers } from './handlers.ts';
export type { MetadataHandlerOptions } from './handler-options.ts';
export { cloudHandlerInfo } from './names.ts';
export { answerMetadataRequest } from './answer.ts';
export type { MetadataAnswer } from './answer.ts';
export type { CloudHandlerInfo, CloudOperationId, CloudService } from './names.ts';
export { METADATA_ORIGIN, GCE_METADATA_ORIGIN, GOOGLE_CERTS_URL } from './responses.ts';
export { verifyAwsIdentity } from './verify-aws.ts';
export { verifyAzureIdentity, AZURE_ALLOWED_SIGNERS, AZURE_VERIFY_FAILED, type AzureVerifyMode } from './verify-azure.ts';
export { verifyGoogleIdentity } from './verify-google.ts';
export type { VerifyResult, GoogleVerifyResult } from './verify-result.ts';
