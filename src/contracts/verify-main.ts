// Verifies one pact file against the simulator in a process of its own: `node <bundle> [PACT_FILE]
// [LOG_LEVEL]`. Pact's native verifier writes its report straight to file descriptor 1, where no
// JavaScript can catch it; verify.test.ts runs this entry as a child process so that the report (and,
// for the negative tests, the expected "There were N pact failures" / "Verification unsuccessful")
// is captured and asserted on instead of filling the test output.
// Exit 0: every interaction verified; 1: verification failed (the reason on stderr); 2: bad usage.
import { verifyAgainstSimulator, type VerifyOptions } from './verify.ts';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
const [pactFile, logLevel] = process.argv.slice(2);
if (logLevel !== undefined && !(LEVELS as readonly string[]).includes(logLevel)) {
  process.stderr.write(`verify-main: log level must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}\n`);
  process.exit(2);
}
try {
  await verifyAgainstSimulator({ pactFile: pactFile || undefined, logLevel: logLevel as VerifyOptions['logLevel'] });
  process.exitCode = 0;
} catch (err) {
  process.stderr.write(`verify-main: verification failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
