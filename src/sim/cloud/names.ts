// Names of the metadata handlers (their operationIds and cloud service), so the journal can say
// which handler answered: msw has no official name field, so a WeakMap keeps them.
import type { HttpHandler } from 'msw';
import type { Cloud, OperationId } from '../../openapi/index.ts';

export type CloudService = Cloud;

/**
 * A metadata operation of the contract (its operationId starts with its cloud's name, as every
 * metadata operation in openapi.yaml does), or a cloud's catch-all (`<cloud>NotFound`, not in the contract).
 */
export type CloudOperationId = Extract<OperationId, `${Cloud}${string}`> | `${Cloud}NotFound`;

export interface CloudHandlerInfo {
  operationId: CloudOperationId;
  service: CloudService;
}

const registry = new WeakMap<HttpHandler, CloudHandlerInfo>();

/** Record a handler's name; returns the handler so it can wrap the `http.*` call. */
export function named<H extends HttpHandler>(handler: H, operationId: CloudOperationId, service: CloudService): H {
  registry.set(handler, { operationId, service });
  return handler;
}

/** operationId and service of a handler made by metadataHandlers(), or undefined for any other handler. */
export function cloudHandlerInfo(handler: HttpHandler): CloudHandlerInfo | undefined {
  return registry.get(handler);
}
