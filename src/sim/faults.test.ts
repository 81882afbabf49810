// Fault answers: status, headers and body as given, `{origin}`/`{port}` filled in once the server
// listens, a reset as a network error, a delay-only fault as no answer of its own.
import { describe, expect, it } from 'vitest';
import { faultResponse } from './faults.ts';

describe('faultResponse', () => {
  it('fills {origin} and {port} in header values and body', async () => {
    const r = faultResponse(
      { operation: 'getWorkspaceAgentExternalAuth', status: 302, headers: { Location: 'http://0.0.0.0:{port}/x' }, body: '{origin}' },
      'http://127.0.0.1:4321',
    )!;
    expect([r.status, r.headers.get('Location'), await r.text()]).toEqual([302, 'http://0.0.0.0:4321/x', 'http://127.0.0.1:4321']);
  });
  it('leaves them as written before the server listens', () => {
    expect(faultResponse({ operation: 'getWorkspaceAgentExternalAuth', status: 301, headers: { Location: '{origin}' } })!.headers.get('Location')).toBe(
      '{origin}',
    );
  });
  it('sends bodyBase64 as its bytes, not as text', async () => {
    const r = faultResponse({ operation: 'getWorkspaceAgentExternalAuth', status: 200, bodyBase64: Buffer.from([0x61, 0xff, 0x80]).toString('base64') })!;
    expect([...new Uint8Array(await r.arrayBuffer())]).toEqual([0x61, 0xff, 0x80]);
  });
  it('answers a reset with a network error and a delay-only fault with nothing', () => {
    expect(faultResponse({ operation: 'getWorkspaceAgentExternalAuth', reset: true })!.type).toBe('error');
    expect(faultResponse({ operation: 'getWorkspaceAgentExternalAuth', delayMs: 5 })).toBeUndefined();
  });
});
