// The judge: a pure function from (process result, journal, expectations) to a verdict. No I/O:
// golden text is passed in, placeholders are already substituted by the caller.
import { normaliseStdout } from './normalize.ts';
import type { Expectations, Failure, ProcessResult, Verdict, WireEntry } from '../types.ts';
import { diffTexts, visible } from './visible.ts';
import { judgeViolations, judgeWire } from './requests.ts';

export interface JudgeContext {
  /** Contents of expect.stdout_golden, read by the caller. */
  golden?: string;
}

function cappedNote(result: ProcessResult, stream: 'stdout' | 'stderr'): string {
  const capped = stream === 'stdout' ? result.stdoutCapped : result.stderrCapped;
  return capped ? ` (output capped: ${stream} exceeded ${result.capBytes} bytes and was cut there)` : '';
}

function compareExact(
  name: 'stdout' | 'stderr',
  want: string,
  got: string,
  result: ProcessResult,
  source: string,
  hide: (s: string) => string = (s) => s,
): Failure | undefined {
  if (want === got) return undefined;
  return {
    kind: 'output',
    message: `${name} differs from ${source}${cappedNote(result, name)}${/[\u{dc80}-\u{dcff}]/u.test(got) ? ` (${name} is not valid UTF-8; each invalid byte is shown as \\xNN)` : ''}`,
    detail: `--- expected ${name}\n+++ actual ${name}\n${diffTexts(hide(want), hide(got))}`,
  };
}

function preview(s: string): string {
  const v = visible(s.length > 2000 ? `${s.slice(0, 2000)}…` : s);
  return v
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** True when the process ended like a crash: a signal, a shell-style 128+n code, or a Go panic. */
function crashDescription(result: ProcessResult): string | undefined {
  if (result.signal) return `killed by signal ${result.signal}`;
  if (result.exitCode !== null && result.exitCode >= 128) return `exit code ${result.exitCode} (a signal or abort)`;
  if (result.exitCode === 2 && /^panic: /m.test(result.stderr) && /^goroutine \d+/m.test(result.stderr)) return 'Go panic (exit code 2)';
  return undefined;
}

export function judge(result: ProcessResult, journal: WireEntry[], expect: Expectations, ctx: JudgeContext = {}): Verdict {
  const failures: Failure[] = [];
  const normalisations: string[] = [];
  // Texts a case forbids on stderr are secrets: wherever stderr is shown, they are redacted.
  const secrets = (expect.stderr_not_contains ?? []).filter((x) => x !== '');
  const hide = (s: string) => secrets.reduce((t, x) => t.split(x).join('[redacted]'), s);
  const stderrShown = hide(result.stderr);
  if (result.startError !== undefined) {
    return { pass: false, failures: [{ kind: 'start', message: `could not start the binary: ${result.startError}` }], normalisations };
  }
  if (result.timedOut) {
    failures.push({
      kind: 'timeout',
      message: `did not finish within the timeout; the process tree was killed`,
      detail: `stdout so far:\n${preview(result.stdout)}\nstderr so far:\n${preview(stderrShown)}`,
    });
    return { pass: false, failures, normalisations };
  }
  const crash = crashDescription(result);
  if (crash) {
    failures.push({ kind: 'crash', message: `the binary crashed: ${crash}`, detail: `stderr:\n${preview(stderrShown)}` });
  } else if (result.exitCode === null && (result.stdoutCapped || result.stderrCapped)) {
    failures.push({ kind: 'exit', message: `no exit code: the runner stopped the binary when its output passed the cap (${result.capBytes} bytes)` });
  } else if (result.exitCode !== expect.exit) {
    failures.push({ kind: 'exit', message: `exit code ${result.exitCode}, want ${expect.exit}`, detail: `stderr:\n${preview(stderrShown)}` });
  }

  const { text: stdout, applied } = normaliseStdout(result.stdout);
  normalisations.push(...applied);
  if (expect.stdout !== undefined) {
    const f = compareExact('stdout', expect.stdout, stdout, result, 'the expected text');
    if (f) failures.push(f);
  }
  if (expect.stdout_golden !== undefined) {
    if (ctx.golden === undefined) failures.push({ kind: 'output', message: `golden file ${expect.stdout_golden} was not provided to the judge` });
    else {
      const f = compareExact('stdout', ctx.golden, stdout, result, `golden ${expect.stdout_golden}`);
      if (f) failures.push(f);
    }
  }
  for (const s of expect.stdout_contains ?? []) {
    if (!stdout.includes(s))
      failures.push({
        kind: 'output',
        message: `stdout does not contain ${JSON.stringify(s)}${cappedNote(result, 'stdout')}`,
        detail: `stdout:\n${preview(stdout)}`,
      });
  }
  for (const s of expect.stdout_not_contains ?? []) {
    if (stdout.includes(s)) failures.push({ kind: 'output', message: `stdout contains ${JSON.stringify(s)}, which must not appear there` });
  }
  if (expect.stderr !== undefined) {
    const f = compareExact('stderr', expect.stderr, result.stderr, result, 'the expected text', hide);
    if (f) failures.push(f);
  }
  for (const s of expect.stderr_contains ?? []) {
    if (!result.stderr.includes(s))
      failures.push({
        kind: 'output',
        message: `stderr does not contain ${JSON.stringify(s)}${cappedNote(result, 'stderr')}`,
        detail: `stderr:\n${preview(stderrShown)}`,
      });
  }
  for (const s of expect.stderr_not_contains ?? []) {
    // The forbidden text is usually a secret: never echo it or the surrounding stderr.
    if (result.stderr.includes(s)) failures.push({ kind: 'output', message: `stderr contains a forbidden text (${s.length} chars, e.g. a secret; not shown)` });
  }
  for (const re of expect.stderr_matches ?? []) {
    if (!new RegExp(re).test(result.stderr))
      failures.push({ kind: 'output', message: `stderr does not match /${re}/`, detail: `stderr:\n${preview(stderrShown)}` });
  }
  failures.push(...judgeWire(journal, expect), ...judgeViolations(journal, expect.allowed_violations));
  return { pass: failures.length === 0, failures, normalisations };
}
