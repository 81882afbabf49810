// The whole conformance suite against the embedded reference CLI (in-process: its run() called with
// each case's argv, environment and simulator; in-process.test.ts shows it judges like a child), for every profile: 100% must
// pass. And the proof that the suite tells revisions apart: the pr24325 profile run against the
// reference in pre-agent-name mode fails exactly the agent-name (multi-agent selection) cases and
// the help cases that document --agent-name, nothing else.
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './command/cli.ts';
import { contractOperations } from './report/contract.ts';
import { packageRoot } from './root.ts';
import { createSimulatorStarter } from './exec/simulator.ts';
import type { RunReport } from './report/summary.ts';
import { PROFILES } from './types.ts';
import { expectEveryCasePasses, failingIds } from './fixtures/suite-checks.ts';

const startSimulator = createSimulatorStarter();
const SLOW = 600_000;

async function runSuite(args: string[]): Promise<{ code: number; report: RunReport; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await cli(
    {
      argv: ['run', '--in-process', '--reporter', 'json', ...args],
      env: { PATH: process.env.PATH },
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
    },
    { startSimulator, contract: contractOperations },
  );
  return { code, report: JSON.parse(stdout) as RunReport, stderr };
}

beforeAll(() => {
  if (!existsSync(`${packageRoot()}/dist/coder-run.mjs`)) throw new Error('dist/coder-run.mjs is missing: run "npm run build" first (npm test does)');
});

describe('the suite against the embedded reference CLI', () => {
  // The first profile's whole in-process run is made by in-process.test.ts (the same arguments), which
  // checks these same things on it (expectEveryCasePasses) besides comparing it with process mode.
  for (const profile of PROFILES.slice(1)) {
    it(`profile ${profile}: every selected case passes`, { timeout: SLOW }, async () => {
      const { code, report } = await runSuite(['--profile', profile]);
      expectEveryCasePasses(code, report);
    });
  }

  it('profile pr24325 against the reference in pre-agent-name mode fails exactly the agent-name cases and the root help with the #24435 client TLS flags', {
    timeout: SLOW,
  }, async () => {
    const { code, report } = await runSuite(['--profile', 'pr24325', '--bin-env', 'CODER_REFERENCE_REVISION=pre-agent-name']);
    const named = [
      'bom',
      'case-sensitive',
      'empty-flag',
      'env',
      'flag',
      'flag-before-subcommand',
      'flag-equals',
      'flag-over-env',
      'padded',
      'single-agent',
      'unicode-space',
      'unicode-whitespace-only',
      'unknown',
      'whitespace',
    ];
    const expected = [
      ...['aws', 'azure', 'gcp'].flatMap((cloud) => [`${cloud}/duplicate-names/main`, ...named.map((n) => `${cloud}/name/${n}`)]),
      // --debug-options lists Agent Name (the command's) and the client TLS options (the root's).
      'args/debug-options-pr24325',
      'args/debug-options-root',
      'help/before-provider',
      'help/core-agent-name',
      'help/pr24325',
      'help/root-global-options',
      'help/short-flag',
      // The pr24325 help on a terminal (--agent-name), and the root help's client TLS flags at width 50.
      'help/terminal-root-global-options-50',
      'help/terminal-width-0',
      'help/terminal-width-20',
      'help/terminal-width-200',
      'metadata/aws-agent-name-html',
      'metadata/aws-wire-agent-name',
      'metadata/azure-document-agent-name-type',
    ].sort();
    expect(failingIds(report)).toEqual(expected);
    expect(code).toBe(1);
  });
});
