// Test helper shared by the runner's tests: a ProcessResult of a clean exit 0, with overrides.
import type { ProcessResult } from './types.ts';

export const processResult = (over: Partial<ProcessResult> = {}): ProcessResult => ({
  exitCode: 0,
  signal: null,
  timedOut: false,
  stdout: '',
  stderr: '',
  stdoutCapped: false,
  stderrCapped: false,
  capBytes: 1024,
  durationMs: 1,
  ...over,
});
