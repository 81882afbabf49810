// In-process use: createHandlers(world) in msw's setupServer (unhandled requests fail, so nothing
// reaches the network) with journalInProcess recording the traffic like the server does. Unhandled
// requests are refused like msw's 'error' strategy does, but recorded here instead of printed, so the
// one this file sends on purpose is asserted on rather than logged.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../handlers.ts';
import { loadScenario } from '../scenario/load.ts';
import { sharedKeys } from '../test-support.ts';
import { createWorld, type World } from '../world.ts';
import { journalInProcess } from './in-process.ts';
import { Journal } from './journal.ts';

let world: World;
const journal = new Journal();
let flush: () => Promise<void>;
const server = setupServer();
const refused: string[] = [];

beforeAll(async () => {
  world = await createWorld(loadScenario('azure-multi-agent'), { keys: await sharedKeys() });
  server.use(...createHandlers(world));
  server.listen({
    // Like msw's 'error' strategy (a network error, nothing bypassed to the network), recorded
    // instead of printed.
    onUnhandledRequest: (request) => {
      refused.push(`${request.method} ${request.url}`);
      throw Response.error();
    },
  });
  ({ flush } = journalInProcess(server, journal, world));
});
afterAll(() => server.close());

describe('in-process (setupServer)', () => {
  it('the Azure flow with fetch, journaled with operationIds and no contract violations', async () => {
    const attested = await fetch('http://169.254.169.254/metadata/attested/document?api-version=2020-09-01', { headers: { Metadata: 'true' } });
    const doc = (await attested.json()) as { signature: string; encoding: string };
    const ex = await fetch('http://coderd.test/api/v2/workspaceagents/azure-instance-identity', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ signature: doc.signature, encoding: doc.encoding, agent_name: 'beta' }) + '\n',
    });
    expect(await ex.text()).toBe('{"session_token":"b0000000-0000-4000-8000-000000000001"}\n');
    const ea = await fetch('http://coderd.test/api/v2/workspaceagents/me/external-auth?id=github&match=', {
      headers: { 'Coder-Session-Token': '11111111-1111-4111-8111-111111111111' },
    });
    expect(ea.status).toBe(200);
    await flush();
    expect(journal.entries.map((e) => [e.service, e.operationId, e.response.status])).toEqual([
      ['azure', 'azureGetAttestedDocument', 200],
      ['coderd', 'authAzureInstanceIdentity', 200],
      ['coderd', 'getWorkspaceAgentExternalAuth', 200],
    ]);
    expect(journal.entries[1].body).toContain('"agent_name":"beta"');
    expect(journal.violations()).toEqual([]);
  });

  it('faults in-process: status for the first N, reset as a network error', async () => {
    world.faults.push(
      { fault: { operation: 'azureGetAttestedDocument', status: 500, body: 'boom', times: 1 }, hits: 0 },
      { fault: { method: 'GET', path: '/api/v2/workspaceagents/me/external-auth', reset: true, times: 1 }, hits: 0 },
    );
    const url = 'http://169.254.169.254/metadata/attested/document?api-version=2020-09-01';
    const first = await fetch(url, { headers: { Metadata: 'true' } });
    expect([first.status, await first.text()]).toEqual([500, 'boom']);
    expect((await fetch(url, { headers: { Metadata: 'true' } })).status).toBe(200);
    await expect(fetch('http://coderd.test/api/v2/workspaceagents/me/external-auth?id=github&match=')).rejects.toThrow('Failed to fetch');
    world.faults.length = 0;
    await flush();
  });

  it('unhandled requests fail (never reach the network) and are journaled', async () => {
    await expect(fetch('http://coderd.test/api/v2/unknown')).rejects.toThrow();
    expect(refused).toEqual(['GET http://coderd.test/api/v2/unknown']);
    await flush();
    expect(journal.unhandled().map((e) => e.url)).toEqual(['http://coderd.test/api/v2/unknown']);
  });
});
