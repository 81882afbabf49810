// answerMetadataRequest: response plus the name of the handler that answered.
import { http, HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { answerMetadataRequest } from './answer.ts';
import { metadataHandlers } from './handlers.ts';
import { createCloudKeys } from './keys.ts';

describe('answerMetadataRequest', () => {
  test('names the answering handler, passes through foreign handlers, and is undefined when nothing matches', async () => {
    const keys = await createCloudKeys();
    const foreign = http.get('http://127.0.0.1:1/api/v2/buildinfo', () => HttpResponse.text('coderd'));
    const handlers = [foreign, ...metadataHandlers({ keys, machine: { gcp: { instanceId: '7' } } })];

    const gcp = await answerMetadataRequest(
      handlers,
      new Request('http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity?audience=coder', {
        headers: { 'Metadata-Flavor': 'Google' },
      }),
    );
    expect(gcp?.info).toEqual({ operationId: 'gcpGetIdentityToken', service: 'gcp' });
    expect(gcp?.response.status).toBe(200);

    const aws = await answerMetadataRequest(handlers, new Request('http://169.254.169.254/latest/api/token', { method: 'PUT' }));
    expect(aws?.info).toEqual({ operationId: 'awsPutToken', service: 'aws' });
    expect(aws?.response.status).toBe(404);
    expect(await aws?.response.text()).toBe('Not Found\n');

    const other = await answerMetadataRequest(handlers, new Request('http://127.0.0.1:1/api/v2/buildinfo'));
    expect(other?.info).toBeUndefined();
    expect(await other?.response.text()).toBe('coderd');

    expect(await answerMetadataRequest(handlers, new Request('http://127.0.0.1:1/api/v2/users/me'))).toBeUndefined();
  });
});
