// Unit tests of the pure judge: exit codes, exact and golden stdout, stderr rules, failure kinds.
import { describe, expect, it } from 'vitest';
import { judge } from './judge.ts';
import { processResult } from '../test-support.ts';
import type { WireEntry } from '../types.ts';

const ok = processResult;

describe('judge', () => {
  it('passes an exact match and reports no normalisation', () => {
    const v = judge(ok({ stdout: 'gho_x' }), [], { exit: 0, stdout: 'gho_x' });
    expect(v).toEqual({ pass: true, failures: [], normalisations: [] });
  });

  it('flags an extra trailing newline with a visible diff', () => {
    const v = judge(ok({ stdout: 'gho_x\n' }), [], { exit: 0, stdout: 'gho_x' });
    expect(v.pass).toBe(false);
    expect(v.failures).toHaveLength(1);
    expect(v.failures[0].kind).toBe('output');
    expect(v.failures[0].message).toBe('stdout differs from the expected text');
    expect(v.failures[0].detail).toBe('--- expected stdout\n+++ actual stdout\n- gho_x [no final newline]\n+ gho_x⏎');
  });

  it('never takes a byte that is not valid UTF-8 for U+FFFD, and shows it as \\xNN', () => {
    // process.ts decodes the invalid byte 0xff as U+DCFF
    const v = judge(ok({ stdout: 'a\udcff' }), [], { exit: 0, stdout: 'a\ufffd' });
    expect(v.failures).toEqual([
      {
        kind: 'output',
        message: 'stdout differs from the expected text (stdout is not valid UTF-8; each invalid byte is shown as \\xNN)',
        detail: '--- expected stdout\n+++ actual stdout\n- a\ufffd [no final newline]\n+ a\\xff [no final newline]',
      },
    ]);
  });

  it('cuts a huge line in the diff and says how much is left out', () => {
    const v = judge(ok({ stdout: 'x'.repeat(5000) }), [], { exit: 0, stdout: 'y' });
    expect(v.failures[0].detail).toBe(
      `--- expected stdout\n+++ actual stdout\n- y [no final newline]\n+ ${'x'.repeat(2000)}… [3019 more characters on this line]`,
    );
  });

  it('shows tabs and trailing spaces', () => {
    const v = judge(ok({ stdout: 'a\t \n' }), [], { exit: 0, stdout: 'a\n' });
    expect(v.failures[0].detail).toBe('--- expected stdout\n+++ actual stdout\n- a⏎\n+ a\\t·⏎');
  });

  it('reports a wrong exit code with the stderr', () => {
    const v = judge(ok({ exitCode: 0, stdout: 'https://x' }), [], { exit: 1, stdout: 'https://x' });
    expect(v.failures.map((f) => [f.kind, f.message])).toEqual([['exit', 'exit code 0, want 1']]);
  });

  it('classifies signals, 128+n codes and Go panics as crashes, not exit codes', () => {
    expect(judge(ok({ exitCode: null, signal: 'SIGSEGV' }), [], { exit: 0 }).failures.map((f) => f.message)).toEqual([
      'the binary crashed: killed by signal SIGSEGV',
    ]);
    expect(judge(ok({ exitCode: 134 }), [], { exit: 0 }).failures[0].kind).toBe('crash');
    const panic = judge(ok({ exitCode: 2, stderr: 'panic: boom\n\ngoroutine 1 [running]:\n' }), [], { exit: 1 });
    expect(panic.failures.map((f) => f.kind)).toEqual(['crash']);
    expect(judge(ok({ exitCode: 2, stderr: 'usage' }), [], { exit: 1 }).failures.map((f) => f.kind)).toEqual(['exit']);
  });

  it('stops at a timeout or a start error', () => {
    expect(judge(ok({ timedOut: true, exitCode: null }), [], { exit: 0, stdout: 'x' }).failures.map((f) => f.kind)).toEqual(['timeout']);
    const s = judge(ok({ exitCode: null, startError: 'ENOENT: spawn /nope ENOENT' }), [], { exit: 0 });
    expect(s.failures).toEqual([{ kind: 'start', message: 'could not start the binary: ENOENT: spawn /nope ENOENT' }]);
  });

  it('says the output was capped', () => {
    const v = judge(ok({ stdout: 'y'.repeat(10), stdoutCapped: true, capBytes: 10 }), [], { exit: 0, stdout: 'x' });
    expect(v.failures[0].message).toBe('stdout differs from the expected text (output capped: stdout exceeded 10 bytes and was cut there)');
  });

  it('normalises the help header version and lists it', () => {
    const golden = 'coder v0.0.0-devel\n\nUSAGE:\n';
    const v = judge(ok({ stdout: 'coder v2.21.0+abc1234\n\nUSAGE:\n' }), [], { exit: 0, stdout_golden: 'g' }, { golden });
    expect(v.pass).toBe(true);
    expect(v.normalisations).toEqual(['help header version "coder vX" -> "coder v0.0.0-devel"']);
    expect(judge(ok({ stdout: golden }), [], { exit: 0, stdout_golden: 'g' }, { golden }).normalisations).toEqual([]);
  });

  it('checks stderr exact, contains, regex, and never echoes forbidden text', () => {
    const r = ok({ exitCode: 1, stderr: 'error: leaked gho_secret\n' });
    const v = judge(r, [], {
      exit: 1,
      stderr: 'error: x\n',
      stderr_contains: ['coder_session_token'],
      stderr_matches: ['^Encountered'],
      stderr_not_contains: ['gho_secret'],
    });
    expect(v.failures.map((f) => f.message)).toEqual([
      'stderr differs from the expected text',
      'stderr does not contain "coder_session_token"',
      'stderr contains a forbidden text (10 chars, e.g. a secret; not shown)',
      'stderr does not match /^Encountered/',
    ]);
    expect(JSON.stringify(v.failures)).not.toContain('gho_secret');
    expect(v.failures[0].detail).toBe('--- expected stderr\n+++ actual stderr\n- error: x⏎\n+ error: leaked [redacted]⏎');
  });

  it('fails on OpenAPI violations and unhandled requests from the journal', () => {
    const e: WireEntry = {
      seq: 1,
      time: '',
      durationMs: 0,
      service: 'unhandled',
      method: 'GET',
      url: 'http://169.254.169.254/x',
      path: '/x',
      query: '',
      headers: [],
      body: '',
      response: { status: 502, headers: [], body: '' },
      proxied: true,
      violations: [
        'getX: header parameter "Coder-Session-Token" is empty',
        'getX: response 502 body is not JSON',
        'response: getX: response 502 body is empty',
      ],
    };
    const v = judge(ok(), [e], { exit: 0 });
    expect(v.failures.map((f) => f.kind)).toEqual(['wire', 'openapi']);
    expect(v.failures[1].detail).toBe('  - getX: header parameter "Coder-Session-Token" is empty');
    expect(judge(ok(), [e], { exit: 0, allow_unhandled: true }).failures.map((f) => f.kind)).toEqual(['openapi']);
    expect(judge(ok(), [e], { exit: 0, allow_unhandled: true, allowed_violations: ['"Coder-Session-Token" is empty'] }).pass).toBe(true);
  });
});
