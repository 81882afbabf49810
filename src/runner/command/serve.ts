// `coder-conformance serve --scenario NAME [--port N] [--journal FILE] [--revision R]`: runs the
// simulator until SIGINT/SIGTERM (or io.signal), printing the environment to export; on stop it
// writes the journal (when asked) and returns 0. Bad flags or an unknown scenario return 2.
import { loadScenario, REVISIONS, ScenarioError, shellExports, startSimulator, type Revision, type Scenario } from '../../sim/index.ts';

export interface ServeIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** Stops the server when aborted; without it SIGINT/SIGTERM of this process do. */
  signal?: AbortSignal;
}

export const SERVE_USAGE =
  `usage: coder-conformance serve --scenario NAME [--port N] [--journal FILE] [--revision ${REVISIONS.join('|')}]\n`;

interface ServeFlags {
  scenario: string;
  port: number;
  journal?: string;
  revision?: Revision;
}

function parseFlags(argv: string[]): ServeFlags | string | 'help' {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    const m = /^--(scenario|port|journal|revision)(?:=(.*))?$/.exec(arg);
    if (!m) return arg.startsWith('-') ? `unknown flag: ${arg}` : `unexpected argument: ${arg}`;
    let value = m[2];
    if (value === undefined) {
      if (i + 1 >= argv.length) return `flag needs an argument: --${m[1]}`;
      value = argv[++i];
    }
    if (values.has(m[1])) return `flag given twice: --${m[1]}`;
    values.set(m[1], value);
  }
  const scenario = values.get('scenario');
  if (scenario === undefined || scenario === '') return 'missing required flag: --scenario';
  let port = 0;
  const rawPort = values.get('port');
  if (rawPort !== undefined) {
    if (!/^[0-9]{1,5}$/.test(rawPort) || Number(rawPort) > 65535) return `invalid --port "${rawPort}": want a number 0-65535`;
    port = Number(rawPort);
  }
  const revision = values.get('revision');
  if (revision !== undefined && !REVISIONS.includes(revision as Revision)) {
    return `invalid --revision "${revision}": want one of ${REVISIONS.join(', ')}`;
  }
  const journal = values.get('journal');
  if (journal === '') return 'invalid --journal "": want a file path';
  return { scenario, port, journal, revision: revision as Revision | undefined };
}

function stopSignal(io: ServeIO): Promise<void> {
  if (io.signal) {
    const signal = io.signal;
    return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  }
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function serveCommand(argv: string[], io: ServeIO): Promise<number> {
  const flags = parseFlags(argv);
  if (flags === 'help') {
    io.stdout.write(SERVE_USAGE);
    return 0;
  }
  if (typeof flags === 'string') {
    io.stderr.write(`coder-conformance serve: ${flags}\n${SERVE_USAGE}`);
    return 2;
  }
  let scenario: Scenario;
  try {
    scenario = loadScenario(flags.scenario);
  } catch (err) {
    if (err instanceof ScenarioError) {
      io.stderr.write(`coder-conformance serve: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  let sim;
  try {
    sim = await startSimulator({ scenario, port: flags.port, revision: flags.revision });
  } catch (err) {
    io.stderr.write(`coder-conformance serve: cannot listen on 127.0.0.1:${flags.port}: ${(err as Error).message}\n`);
    return 2;
  }
  io.stdout.write(
    `# coder-conformance simulator: scenario ${scenario.name}, revision ${sim.world.revision}, listening on ${sim.origin}\n` +
      shellExports(sim.env) +
      '# stop with Ctrl-C (SIGINT) or SIGTERM\n',
  );
  await stopSignal(io);
  await sim.close();
  if (flags.journal !== undefined) {
    try {
      await sim.journal.write(flags.journal);
    } catch (err) {
      io.stderr.write(`coder-conformance serve: cannot write journal ${flags.journal}: ${(err as Error).message}\n`);
      return 1;
    }
    io.stderr.write(`coder-conformance serve: journal (${sim.journal.entries.length} exchanges) written to ${flags.journal}\n`);
  }
  return 0;
}
