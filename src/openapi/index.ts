// Public API of src/openapi: the loaded contract, its operations, the per-revision validator.
// Other parts import only from this file.
export { CONTRACT_PATH, contractDocument, getOperation, getOperationObject, operations, resolveRef } from './contract.ts';
export { CLOUDS } from './contract.ts';
export type { Cloud, JsonObject, OpenApiDocument, Operation, OperationId, Service } from './contract.ts';
export { CLOUD_REGISTRY, isMetadataPath, METADATA_HOSTS, metadataCloudOf } from './clouds.ts';
export type { CloudEntry } from './clouds.ts';
export { createContractValidator } from './validator.ts';
export type { ContractRequest, ContractResponse, ContractValidator } from './validator.ts';
export { CONTRACT_REVISIONS, DEFAULT_CONTRACT_REVISION, isContractRevision, revisionAtLeast } from './revision.ts';
export type { ContractRevision } from './revision.ts';
export { compilePathTemplate } from './http.ts';
export type { PathTemplate } from './http.ts';
export { jsonPointerSegment } from './schemas.ts';
