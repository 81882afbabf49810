// The operations the simulators answer: openapi.yaml's operations (src/openapi), each with its path
// template compiled to an anchored regular expression. Used to route faults, tag journal entries and
// register handlers. Metadata hosts and paths come from the cloud registry of src/openapi.
import { compilePathTemplate, isMetadataPath, METADATA_HOSTS, operations, type Service } from '../openapi/index.ts';
import type { OperationId } from './scenario/types.ts';

export type { Service };
export { isMetadataPath, METADATA_HOSTS };

export interface Operation {
  id: OperationId;
  method: string;
  /** Path (RegExp source, anchored) */
  path: RegExp;
  service: Service;
}

export const OPERATIONS: readonly Operation[] = operations.map((o) => ({
  id: o.operationId as OperationId,
  method: o.method,
  path: compilePathTemplate(o.path).regex,
  service: o.service,
}));

export function operationById(id: OperationId): Operation {
  const op = OPERATIONS.find((o) => o.id === id);
  if (!op) throw new Error(`unknown operation ${id}`);
  return op;
}

/** The operation a method + path belongs to (by the table, whatever the host). */
export function operationFor(method: string, path: string): Operation | undefined {
  return OPERATIONS.find((o) => o.method === method.toUpperCase() && o.path.test(path));
}
