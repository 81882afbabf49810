// The conformance cases as tests, for `npm run mutation` (StrykerJS, stryker.config.mjs) only, never
// part of `npm test`: one test per case and profile (every pair npm test's suite.test runs), run in-process
// against the reference CLI's sources (src/cli/run.ts and the src/go code it imports: the files Stryker
// mutates). Cases, simulators and the judge come from dist/mutation-harness.mjs (mutation/harness.ts,
// built by `npm run build`), which has its own unmutated src/go: a mutant only ever changes the
// implementation under test. A mutant is killed when some case no longer passes.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the bundle has no declarations; its interface is mutation/harness.ts'
import { createHarness as createBundled } from '../dist/mutation-harness.mjs';
import type { createHarness } from './harness.ts';

// The reference's sources, loaded before any test: run.ts loads the handler lazily, and the handler the
// agent SDK; loaded here, outside any test, their module-level code (tables, structs, constants) counts as
// static for Stryker (run against every case) instead of being credited to the first case that happened to
// load it. A mutant that makes loading throw (`new TextDecoder('')`) fails every case: had the import
// thrown, vitest would have found no test in this file and Stryker would have counted the mutant alive.
let run: typeof import('../src/cli/run.ts').run;
let loadError: unknown;
try {
  ({ run } = await import('../src/cli/run.ts'));
  await import('../src/cli/command.ts');
  await import('../src/cli/agentsdk/index.ts');
} catch (e) {
  loadError = e;
}

// A mutant of the proxy choice may dial a metadata address (169.254.169.254) directly instead of through
// the simulator's proxy: every TCP connection that would leave this machine is refused here instead, so
// such a mutant fails its cases (as with a refused connection) and no traffic leaves the machine.
const LOCAL_HOST = /^(?:127\.|0\.0\.0\.0$|::1$|::ffff:127\.|localhost$)/;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const opts = first !== null && typeof first === 'object' ? (first as { host?: string; path?: string }) : undefined;
  const host = opts ? (opts.host ?? 'localhost') : typeof args[1] === 'string' ? args[1] : 'localhost';
  if (opts?.path === undefined && !LOCAL_HOST.test(host)) {
    const err = Object.assign(new Error(`connect ECONNREFUSED ${host} (refused by mutation/cases.test.ts: not this machine)`), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
      address: host,
    });
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return connect.apply(this, args as Parameters<typeof connect>);
} as typeof connect;

const harness = (createBundled as typeof createHarness)();

describe('conformance cases (in-process reference)', () => {
  for (const p of harness.plan) {
    it(p.name, async () => {
      if (loadError !== undefined) throw new Error(`the reference CLI did not load: ${String(loadError)}`);
      expect(await harness.judge(p, run)).toEqual([]);
    });
  }
});
