// The four reporters on one small report: exact TAP and JUnit structure, XML escaping, the
// counts and taxonomy every format carries.
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../coverage.ts';
import type { RunReport } from '../summary.ts';
import { countResults, failureKinds } from '../summary.ts';
import type { CaseResult } from '../../types.ts';
import { commandLine } from './common.ts';
import { jsonReport } from './json.ts';
import { junitReport, xmlEscape } from './junit.ts';
import { prettyReport } from './pretty.ts';
import { tapReport } from './tap.ts';

const base = { level: 'core' as const, file: '/c.yaml', journal: [], argv: ['external-auth', 'access-token', 'git hub'], durationMs: 12 };
const results: CaseResult[] = [
  { ...base, id: 'a/pass', title: 'passes', outcome: 'pass', verdict: { pass: true, failures: [], normalisations: [] } },
  {
    ...base,
    id: 'b/fail',
    title: 'fails <with> "quotes" & #hash',
    outcome: 'fail',
    verdict: { pass: false, failures: [{ kind: 'output', message: 'stdout differs', detail: '- tok [no final newline]\n+ tok⏎\u0001' }], normalisations: [] },
  },
  {
    ...base,
    id: 'c/known',
    title: 'known',
    outcome: 'known-failure',
    knownReason: 'bug #12',
    verdict: { pass: false, failures: [{ kind: 'exit', message: 'exit code 0, want 1' }], normalisations: [] },
  },
  { ...base, id: 'd/notrun', title: 'not run', outcome: 'not-run', notRunReason: 'the run was interrupted' },
];
const counts = countResults(results);
const report: RunReport = {
  suite: { name: 'coder-agent-conformance', version: '9.8.7', casesHash: 'sha256:abc', cases: 40 },
  binary: '/usr/bin/coder',
  embeddedReference: false,
  profile: 'pr24325',
  level: 'strict',
  filters: [],
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1500,
  environment: ['TZ=UTC'],
  counts,
  excluded: { revision: 1, level: 0, filter: 0, shard: 0 },
  failureKinds: failureKinds(results),
  expiredKnownFailures: [],
  normalisations: [],
  coverage: computeCoverage([{ operationId: 'getX', statuses: ['200', '4XX'] }], results, []),
  results,
  exitCode: 2,
};

describe('reporters', () => {
  it('escapes XML 1.0 text, including forbidden control characters', () => {
    expect(xmlEscape(`a<b>&"c'\u0001\t\n`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;\\x01\t\n');
    expect(xmlEscape(']]> \r\u0000\udcff\ud800 \u{1f600}\ufffe')).toBe(']]&gt; &#13;\\x00\\xff\\ud800 \u{1f600}\\ufffe');
  });
  it('escapes attribute values so a parser keeps tabs and line breaks', () => {
    expect(xmlEscape('a\tb\nc\rd', true)).toBe('a&#9;b&#10;c&#13;d');
  });
  it('junit: suite counts and one testcase per case', () => {
    const xml = junitReport(report);
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="coder-conformance" tests="4" failures="1" errors="1" skipped="1" time="1.500">\n',
      ),
    ).toBe(true);
    expect(xml).toContain('<testcase classname="conformance.a" name="a/pass: passes" time="0.012"/>');
    expect(xml).toContain('<property name="suite.version" value="9.8.7"/>');
    expect(xml).toContain('<property name="suite.cases-hash" value="sha256:abc"/>');
    expect(xml).toContain('name="b/fail: fails &lt;with&gt; &quot;quotes&quot; &amp; #hash"');
    expect(xml).toContain('<failure type="output mismatch" message="stdout differs">- tok [no final newline]\n+ tok⏎\\x01</failure>');
    expect(xml).toContain('<skipped message="known failure: bug #12"/>');
    expect(xml).toContain('<error type="not-run" message="did not run: the run was interrupted"/>');
    expect(xml.endsWith('  </testsuite>\n</testsuites>\n')).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(4);
  });
  it('tap: version 14, plan, escaped #, TODO for known failures, YAML diagnostics', () => {
    const lines = tapReport(report).split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'TAP version 14',
      '1..4',
      '# suite: coder-agent-conformance 9.8.7, 40 cases, case set sha256:abc',
      'ok 1 - a/pass: passes',
      'not ok 2 - b/fail: fails <with> "quotes" & \\#hash',
    ]);
    expect(lines.slice(5, 9)).toEqual(['  ---', '  argv:', '    - external-auth', '    - access-token']);
    expect(lines).toContain('not ok 3 - c/known: known # TODO known failure: bug \\#12');
    expect(lines).toContain('not ok 4 - d/notrun: not run');
    expect(lines).toContain('# selected 4, run 3, passed 1, failed 1, known-failing 1, unexpectedly passing 0, skipped (did not run) 1');
    expect(lines).toContain('# result: INCOMPLETE (exit 2)');
  });
  it('a command line re-runs a case by hand: what the case sets and removes, then binary and args', () => {
    const inv = {
      binary: '/opt/my coder',
      args: ['external-auth', 'access-token', "it's"],
      env: {},
      caseSet: { A: 'b c', B: 'plain' },
      caseRemoved: ['X'],
      cwd: '/tmp/h',
    };
    expect(commandLine(inv)).toBe(`env -u X A='b c' B=plain '/opt/my coder' external-auth access-token 'it'\\''s'`);
    expect(commandLine({ ...inv, caseSet: {}, caseRemoved: [] })).toBe(`'/opt/my coder' external-auth access-token 'it'\\''s'`);
  });
  it('pretty and json carry counts, taxonomy and coverage', () => {
    const text = prettyReport(report, { cwd: '/' });
    expect(text.split('\n')[1]).toBe('suite: coder-agent-conformance 9.8.7, 40 cases, case set sha256:abc');
    expect(text).toContain(
      '✗ b/fail — fails <with> "quotes" & #hash [FAIL]\n    case file: c.yaml\n    $ coder external-auth access-token \'git hub\'\n    [output mismatch] stdout differs\n      - tok [no final newline]\n      + tok⏎\u0001',
    );
    expect(text).not.toContain('\x1b[');
    expect(prettyReport(report, { color: true })).toContain('\x1b[31m✗\x1b[0m b/fail');
    expect(text).toContain(
      'failures by kind: output mismatch 1, exit code 1, wire assertion 0, OpenAPI violation 0, timeout 0, crash/signal 0, could not start 0',
    );
    expect(text).toContain('operations reached: 0/1; declared statuses exercised: 0/2\n  getX: 0 request(s); exercised []; never reached [200, 4XX]');
    const json = JSON.parse(jsonReport(report)) as RunReport & { format: string };
    expect(json.format).toBe('coder-conformance-report');
    expect(json.suite).toEqual({ name: 'coder-agent-conformance', version: '9.8.7', casesHash: 'sha256:abc', cases: 40 });
    expect(json.counts).toEqual({ selected: 4, run: 3, passed: 1, failed: 1, knownFailing: 1, unexpectedlyPassing: 0, skipped: 1 });
  });
});
