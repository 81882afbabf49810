// Provider verification in `npm test` (and `npm run pact:verify`): the Pact Verifier replays every
// interaction of the committed pact against the simulator on loopback, with state handlers that
// load the named scenarios. A pact the simulator does not honour must fail.
// Each verification runs in a child process (verify-main.ts): the native verifier prints its report
// on file descriptor 1, so only a child's captured output keeps the test run quiet and lets the
// negative tests assert on the expected failure text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTs } from '../../scripts/build.mjs';
import { readPact, serializePact, type PactFile } from './pact-file.ts';
import { createStateHandlers, stateNames } from './provider-states.ts';
import { PACT_FILE } from './names.ts';

let pact: PactFile;
let dir: string;
let main: string;

beforeAll(async () => {
  pact = await readPact(PACT_FILE);
  dir = await mkdtemp(path.join(os.tmpdir(), 'contracts-verify-'));
  // Inside node_modules/.cache (as tsrun.mjs does) so the bundle finds the npm packages it imports.
  main = fileURLToPath(new URL(`../../node_modules/.cache/contracts/verify-main-${process.pid}.mjs`, import.meta.url));
  await (bundleTs as (entry: string, outfile: string) => Promise<void>)(fileURLToPath(new URL('./verify-main.ts', import.meta.url)), main);
});

/** Verifies `pactFile` in a child process; its whole output (stdout then stderr) is captured. */
async function verifyInChild(pactFile: string, logLevel = 'warn'): Promise<{ exitCode: number | undefined; output: string }> {
  const r = await execa(process.execPath, [main, pactFile, logLevel], { reject: false, env: { PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' } });
  // The native report is coloured whatever the environment says: compare it without the escapes.
  return { exitCode: r.exitCode, output: `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
}
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(main, { force: true });
});

describe('Pact verification against the simulator', () => {
  it('the simulator honours every interaction of pacts/coder-agent-coderd.json', async () => {
    const r = await verifyInChild(PACT_FILE);
    expect(r.output).not.toContain('FAILED');
    expect(r.exitCode, r.output).toBe(0);
    expect(r.output).toContain('Verifying a pact between coder-agent and coderd');
  });

  it('fails when an interaction expects what the simulator does not answer', async () => {
    const broken = structuredClone(pact);
    const i = broken.interactions.find((x) => x.response.status === 409);
    if (i === undefined) throw new Error('the pact has no 409 interaction');
    const body = i.response.body as { content: { message: string } };
    body.content.message = body.content.message.replace('alpha, beta', 'beta, alpha');
    const file = path.join(dir, 'broken.json');
    await writeFile(file, serializePact(broken));
    const r = await verifyInChild(file, 'error');
    expect(r.exitCode, r.output).toBe(1);
    expect(r.output).toContain('Set CODER_AGENT_NAME to one of: beta, alpha');
    expect(r.output).toContain('There were 1 pact failures');
    expect(r.output).toContain('Verification unsuccessful');
  });

  it('needs the injected proofs: the recorded example proofs alone do not verify', async () => {
    const replayed = structuredClone(pact);
    replayed.interactions = replayed.interactions.filter((x) => x.request.path.endsWith('-instance-identity') && x.response.status === 200);
    expect(replayed.interactions.length).toBe(6);
    for (const x of replayed.interactions) delete (x.request as { generators?: unknown }).generators;
    const file = path.join(dir, 'no-injection.json');
    await writeFile(file, serializePact(replayed));
    const r = await verifyInChild(file, 'error');
    expect(r.exitCode, r.output).toBe(1);
    expect(r.output).toContain('expected 200 but was 401');
    expect(r.output).toContain('There were 6 pact failures');
    expect(r.output).toContain('Verification unsuccessful');
  });
});

describe('provider state handlers', () => {
  it('cover exactly the scenario names the pact uses', () => {
    const names = stateNames(pact);
    expect(names.length).toBeGreaterThan(0);
    const calls: unknown[] = [];
    const handlers = createStateHandlers({ env: {}, setScenario: (s) => calls.push(s) }, names);
    expect(Object.keys(handlers)).toEqual(names);
  });

  it('reject parameters they do not know, before touching the simulator', async () => {
    const calls: unknown[] = [];
    const handlers = createStateHandlers({ env: {}, setScenario: (s) => calls.push(s) }, ['external-auth']);
    await expect(handlers['external-auth']({ identity: 'genuine' })).rejects.toThrow('state parameter identity must be "forged", got "genuine"');
    await expect(handlers['external-auth']({ colour: 'red' })).rejects.toThrow('unknown state parameter "colour"');
    await expect(handlers['external-auth']({ revision: 'pr1' })).rejects.toThrow(
      'state parameter revision must be one of pre-agent-name, pr24325, pr25443, pr26883, got "pr1"',
    );
    expect(calls).toEqual([]);
  });

  it('load the scenario with the revision parameter applied and inject nothing for external auth', async () => {
    const calls: Array<{ name: string; revision?: string }> = [];
    const handlers = createStateHandlers({ env: {}, setScenario: (s) => calls.push(s as { name: string; revision?: string }) }, ['external-auth']);
    await expect(handlers['external-auth']({ revision: 'pr26883' })).resolves.toBeUndefined();
    expect(calls.map((c) => [c.name, c.revision])).toEqual([['external-auth', 'pr26883']]);
  });
});
