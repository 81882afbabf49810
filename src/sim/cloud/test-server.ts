// Test helper (used only by *.test.ts here): an msw server with onUnhandledRequest 'error' running
// metadataHandlers for a chosen machine, an injectable clock, and a way to see which named handler
// answers a request.
import type { HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { MetadataConfig } from './config.ts';
import { metadataHandlers } from './handlers.ts';
import { createCloudKeys, type CloudKeys } from './keys.ts';
import { answerMetadataRequest } from './answer.ts';

export interface MetadataTestBed {
  keys(): CloudKeys;
  /** Install handlers for this machine (replacing earlier ones). */
  use(machine: MetadataConfig): HttpHandler[];
  clock: { now: Date };
  /** operationId of the first handler (msw order) that answers the request. */
  answeredBy(request: Request): Promise<string | undefined>;
}

export const T0 = new Date('2026-11-29T12:00:00.000Z');

export function metadataTestBed(): MetadataTestBed {
  const server = setupServer();
  let keys: CloudKeys | undefined;
  let current: HttpHandler[] = [];
  const clock = { now: T0 };
  beforeAll(async () => {
    keys = await createCloudKeys();
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterEach(() => {
    server.resetHandlers();
    clock.now = T0;
  });
  afterAll(() => server.close());
  return {
    keys: () => {
      if (!keys) throw new Error('keys not ready: call inside a test');
      return keys;
    },
    use(machine) {
      if (!keys) throw new Error('keys not ready: call inside a test');
      current = metadataHandlers({ keys, machine, now: () => clock.now });
      server.resetHandlers(...current);
      return current;
    },
    clock,
    async answeredBy(request) {
      return (await answerMetadataRequest(current, request))?.info?.operationId;
    },
  };
}
