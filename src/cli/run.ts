// The reference CLI as a function: argv/env/stdout/stderr in, exit code out (never process.exit).
// Resolves the revision, runs the serpent invocation, formats errors like coder's main (§5.1):
// ErrCanceled → exit 1 silently; any other error → formatted text + "\n" on stderr, exit 1.
import { errorsIs, ErrCanceled } from './errors/model.ts';
import { formatError } from './errors/format.ts';
import { makeStyles } from './errors/style.ts';
import { resolveRevision, traitsOf } from './revision.ts';
import { parseEnviron } from './serpent/env.ts';
import { invoke, type SignalContext, type Writer } from './serpent/invocation.ts';
import { buildTree, type Handler } from './serpent/tree.ts';

// The handler and everything it needs (agent SDK, JSON, gjson) load only when the command runs, so
// help and flag errors start fast (bench/cold-start.bench.mjs).
const accessTokenHandler: Handler = async (inv) => (await import('./command.ts')).accessTokenHandler(inv);

export interface CliIO {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: Writer;
  stderr: Writer;
  signal?: AbortSignal;
  /** Whether stdout is a terminal (error colours); a function is asked only when an error is printed. */
  stdoutIsTTY?: boolean | (() => boolean);
  /** Terminal width for help (Go asks fd 0), or a function asked only when help is rendered; 80 when absent. */
  termWidth?: number | (() => number | undefined);
  /** Installed by main.ts: stop-signal handling for the handler's lifetime (§1.1). */
  notifySignals?: () => SignalContext;
}

export async function run(io: CliIO): Promise<number> {
  const rev = resolveRevision(io.env);
  if (!rev.ok) {
    io.stderr.write(rev.error);
    return 2;
  }
  const root = buildTree(rev.revision, accessTokenHandler, io.env);
  const result = await invoke({
    root,
    argv: io.argv,
    environ: parseEnviron(io.env),
    env: io.env,
    stdout: io.stdout,
    stderr: io.stderr,
    signal: io.signal,
    revision: rev.revision,
    emptyEnvIsSet: traitsOf(rev.revision).emptyEnvIsSet,
    width: () => (typeof io.termWidth === 'function' ? io.termWidth() : io.termWidth) ?? 80,
    notifySignals: io.notifySignals,
  });
  if (!result.err) return 0;
  if (errorsIs(result.err, ErrCanceled)) return 1;
  const verboseOpt = root.options.find((o) => o.key === 'verbose');
  const verbose = verboseOpt ? result.store.state(verboseOpt).value === true : false;
  const isTTY = typeof io.stdoutIsTTY === 'function' ? io.stdoutIsTTY() : (io.stdoutIsTTY ?? false);
  const styles = makeStyles(isTTY, io.env);
  io.stderr.write(formatError(result.err, { verbose, styles }) + '\n');
  return 1;
}
