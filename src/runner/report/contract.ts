// The contract's operations and declared response statuses, for coverage (from src/openapi).
import { getOperationObject, operations } from '../../openapi/index.ts';
import type { ContractOperation } from './coverage.ts';

export function contractOperations(): ContractOperation[] {
  return operations.map((o) => {
    const responses = getOperationObject(o.operationId).op.responses;
    return { operationId: o.operationId, statuses: responses && typeof responses === 'object' ? Object.keys(responses) : [] };
  });
}
