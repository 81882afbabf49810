// Answer one request with a list of metadata handlers (msw order) and say which named handler did,
// for callers that journal operationIds: like msw's getResponse, plus the handler's name.
import type { HttpHandler } from 'msw';
import { cloudHandlerInfo, type CloudHandlerInfo } from './names.ts';

export interface MetadataAnswer {
  response: Response;
  /** undefined when the answering handler was not made by metadataHandlers(). */
  info: CloudHandlerInfo | undefined;
}

/** The first handler's response, with its operationId/service; undefined when none matches. */
export async function answerMetadataRequest(handlers: readonly HttpHandler[], request: Request): Promise<MetadataAnswer | undefined> {
  for (const handler of handlers) {
    const result = await handler.run({ request: request.clone(), requestId: crypto.randomUUID() });
    if (result?.response) return { response: result.response, info: cloudHandlerInfo(handler) };
  }
  return undefined;
}
