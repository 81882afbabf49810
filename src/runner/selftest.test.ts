// Proof that the runner judges: each deliberately broken implementation in fixtures/broken/ (the
// reference CLI plus one bug) is flagged by exactly the expected cases, with the expected kind.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './command/cli.ts';
import { contractOperations } from './report/contract.ts';
import { packageRoot } from './root.ts';
import { createSimulatorStarter } from './exec/simulator.ts';
import type { RunReport } from './report/summary.ts';

const startSimulator = createSimulatorStarter();
const broken = (name: string) => fileURLToPath(new URL(`./fixtures/broken/${name}.mjs`, import.meta.url));

async function judgeBroken(name: string, filters: string[], extra: string[] = []): Promise<{ code: number; report: RunReport }> {
  let stdout = '';
  const code = await cli(
    {
      argv: [
        'run',
        '--bin',
        broken(name),
        '--bin-env',
        'CODER_REFERENCE_REVISION=pr24325',
        '--reporter',
        'json',
        ...filters.flatMap((f) => ['--filter', f]),
        ...extra,
      ],
      env: { PATH: process.env.PATH },
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
    },
    { startSimulator, contract: contractOperations },
  );
  return { code, report: JSON.parse(stdout) as RunReport };
}

/** id -> failure kinds, for the failing cases only. */
function failing(report: RunReport): Record<string, string[]> {
  return Object.fromEntries(report.results.filter((r) => r.outcome === 'fail').map((r) => [r.id, [...new Set(r.verdict!.failures.map((f) => f.kind))]]));
}

beforeAll(() => {
  if (!existsSync(`${packageRoot()}/dist/coder.cjs`)) throw new Error('dist/coder.cjs is missing: run "npm run build" first (npm test does)');
});

describe('self-test: broken implementations are caught', () => {
  it('adds a trailing newline', async () => {
    const { code, report } = await judgeBroken('trailing-newline', [
      'token/github',
      'token/gitlab',
      'extra/key',
      'extra/pretty',
      'url-answer/printed',
      'args/none',
    ]);
    expect(code).toBe(1);
    expect(failing(report)).toEqual({ 'extra/key': ['output'], 'extra/pretty': ['output'], 'token/github': ['output'], 'token/gitlab': ['output'] });
    const diff = report.results.find((r) => r.id === 'token/github')!.verdict!.failures[0].detail;
    expect(diff).toBe('--- expected stdout\n+++ actual stdout\n- gho_conformanceToken0001 [no final newline]\n+ gho_conformanceToken0001⏎');
  });
  it('trims the agent name client-side', async () => {
    const { report } = await judgeBroken('trims-agent-name', ['aws/name/*']);
    expect(failing(report)).toEqual({
      'aws/name/bom': ['exit', 'output', 'wire'],
      'aws/name/padded': ['wire'],
      'aws/name/unicode-space': ['wire'],
      'aws/name/unicode-whitespace-only': ['wire'],
      'aws/name/whitespace': ['wire'],
    });
  });
  it('drops agent_name', async () => {
    const { report } = await judgeBroken('drops-agent-name', ['aws/name/*', 'aws/single-agent', 'aws/multi-agent/no-name']);
    expect(Object.keys(failing(report))).toEqual([
      'aws/name/bom',
      'aws/name/case-sensitive',
      'aws/name/env',
      'aws/name/flag',
      'aws/name/flag-before-subcommand',
      'aws/name/flag-equals',
      'aws/name/flag-over-env',
      'aws/name/padded',
      'aws/name/single-agent',
      'aws/name/unicode-space',
      'aws/name/unicode-whitespace-only',
      'aws/name/unknown',
      'aws/name/whitespace',
    ]);
    expect(report.counts.passed).toBe(4);
  });
  it('exits 0 on a URL answer', async () => {
    const { report } = await judgeBroken('url-exit-zero', ['url-answer/*', 'token/github']);
    expect(failing(report)).toEqual({ 'url-answer/printed': ['exit'], 'url-answer/silent': ['exit'], 'url-answer/wins-over-extra': ['exit'] });
  });
  it('prints the token to stderr, without the report repeating it', async () => {
    const { report } = await judgeBroken('token-on-stderr', ['token/github', 'token/github-wire', 'token/gitlab', 'url-answer/printed']);
    expect(failing(report)).toEqual({ 'token/github': ['output'], 'token/github-wire': ['output'], 'token/gitlab': ['output'] });
    const gitlab = report.results.find((r) => r.id === 'token/gitlab')!.verdict!.failures;
    expect(gitlab.map((f) => f.message)).toEqual(['stderr contains a forbidden text (22 chars, e.g. a secret; not shown)']);
  });
  it('hangs: killed at the timeout, the run goes on', async () => {
    const { code, report } = await judgeBroken('hangs', ['token/github', 'args/none'], ['--timeout', '2000']);
    expect(code).toBe(1);
    expect(failing(report)).toEqual({ 'args/none': ['timeout'], 'token/github': ['timeout'] });
  });
  it('floods stdout: capped and said so', async () => {
    const { report } = await judgeBroken('floods-stdout', ['token/github'], ['--max-output', '65536']);
    expect(failing(report)).toEqual({ 'token/github': ['exit', 'output', 'wire'] });
    expect(report.results[0].verdict!.failures.slice(0, 2).map((f) => f.message)).toEqual([
      'no exit code: the runner stopped the binary when its output passed the cap (65536 bytes)',
      'stdout differs from the expected text (output capped: stdout exceeded 65536 bytes and was cut there)',
    ]);
    expect(report.results[0].process!.stdout.length).toBe(65536);
  });
  it('crashes', async () => {
    const { report } = await judgeBroken('crashes', ['token/github', 'args/none']);
    expect(failing(report)).toEqual({ 'args/none': ['crash'], 'token/github': ['crash', 'output', 'wire'] });
    expect(report.results[0].verdict!.failures[0].message).toBe('the binary crashed: killed by signal SIGSEGV');
  });
});
