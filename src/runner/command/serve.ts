// `coder-conformance serve --scenario NAME [--port N] [--journal FILE] [--env-file FILE] [--revision R]`
// and `serve --list`: runs the simulator until SIGINT/SIGTERM (or io.signal), printing the environment
// to export (only what the scenario's auth needs), the scenario's agents and ready-to-paste example
// commands as shell comments; on stop it writes the journal (to a default path, printed at start, when
// --journal is absent) and returns 0. The journal and env-file paths are checked before serving. Bad
// flags or an unknown scenario (with a did-you-mean) return 2.
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRevision, REVISIONS, type Revision } from '../../revisions/index.ts';
import { loadScenario, ScenarioError, scenariosDir, shellExports, startSimulator, type Scenario } from '../../sim/index.ts';

export interface ServeIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** Stops the server when aborted; without it SIGINT/SIGTERM of this process do. */
  signal?: AbortSignal;
}

export const SERVE_USAGE = `usage: coder-conformance serve --scenario NAME [--port N] [--journal FILE] [--env-file FILE] [--revision ${REVISIONS.join('|')}]
       coder-conformance serve --list

Starts coderd and the AWS, Azure and GCP metadata services of one scenario on 127.0.0.1 (one port,
also a plain-http forward proxy for 169.254.169.254 and metadata.google.internal) and serves until
Ctrl-C (SIGINT) or SIGTERM.

stdout is shell: run serve in one terminal and paste its export lines into another (or use
--env-file FILE and load that file). It holds the variables
an implementation needs (CODER_AGENT_URL, HTTP_PROXY, http_proxy, NO_PROXY, no_proxy,
GCE_METADATA_HOST, and for the scenario's auth either CODER_AGENT_TOKEN or CODER_AGENT_AUTH), then,
as comments, the scenario's agents and example commands (curl through the proxy, and the coder call).

Options:
  --scenario NAME   a scenario of fixtures/scenarios (see --list) or a path to a scenario file
  --list            list the scenarios with their descriptions, then exit
  --port N          port to listen on (default: a free one)
  --journal FILE    where to write the journal of every exchange when stopped (default: a new file
                    in the temp dir, printed at start); checked before serving
  --env-file FILE   also write the variables as KEY=VALUE lines (docker --env-file, dotenv) to FILE
  --revision R      coderd's revision: ${REVISIONS.join(', ')} (default: the scenario's)
  -h, --help        this help
`;

interface ServeFlags {
  scenario: string;
  port: number;
  journal?: string;
  envFile?: string;
  revision?: Revision;
}

/** Levenshtein distance, for did-you-mean on scenario names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The scenario names of fixtures/scenarios (file names without .yaml), sorted. */
export function scenarioNames(dir: string = scenariosDir()): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** The closest scenario name to a misspelled one, if any is close enough to be meant. */
export function didYouMean(name: string, names: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of names) {
    const d = n.startsWith(name) && name.length >= 3 ? 1 : distance(name, n);
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function parseFlags(argv: string[]): ServeFlags | string | 'help' | 'list' {
  const values = new Map<string, string>();
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--list') {
      list = true;
      continue;
    }
    const m = /^--(scenario|port|journal|env-file|revision)(?:=(.*))?$/.exec(arg);
    if (!m) return arg.startsWith('-') ? `unknown flag: ${arg}` : `unexpected argument: ${arg}`;
    let value = m[2];
    if (value === undefined) {
      if (i + 1 >= argv.length) return `flag needs an argument: --${m[1]}`;
      value = argv[++i];
    }
    if (values.has(m[1])) return `flag given twice: --${m[1]}`;
    values.set(m[1], value);
  }
  if (list) return values.size === 0 ? 'list' : '--list takes no other flag';
  const scenario = values.get('scenario');
  if (scenario === undefined || scenario === '') return 'missing required flag: --scenario (coder-conformance serve --list shows the scenarios)';
  let port = 0;
  const rawPort = values.get('port');
  if (rawPort !== undefined) {
    if (!/^[0-9]{1,5}$/.test(rawPort) || Number(rawPort) > 65535) return `invalid --port "${rawPort}": want a number 0-65535`;
    port = Number(rawPort);
  }
  const revision = values.get('revision');
  if (revision !== undefined && !isRevision(revision)) {
    return `invalid --revision "${revision}": want one of ${REVISIONS.join(', ')}`;
  }
  const journal = values.get('journal');
  if (journal === '') return 'invalid --journal "": want a file path';
  const envFile = values.get('env-file');
  if (envFile === '') return 'invalid --env-file "": want a file path';
  return { scenario, port, journal, envFile, revision };
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

const CLOUD_AUTH = { aws: 'aws-instance-identity', azure: 'azure-instance-identity', gcp: 'google-instance-identity' } as const;
type Cloud = keyof typeof CLOUD_AUTH;

/** The auth a scenario is about: its name says the cloud (aws-*, azure-*, gcp-*); otherwise token auth. */
export function scenarioCloud(scenario: Scenario): Cloud | undefined {
  const m = /^(aws|azure|gcp)-/.exec(scenario.name);
  return m ? (m[1] as Cloud) : undefined;
}

/** The variables to export: the simulator's, minus a token a cloud scenario does not authenticate with. */
export function serveEnv(simEnv: Record<string, string>, scenario: Scenario): Record<string, string> {
  const env = { ...simEnv };
  const cloud = scenarioCloud(scenario);
  if (cloud) {
    delete env.CODER_AGENT_TOKEN;
    env.CODER_AGENT_AUTH = CLOUD_AUTH[cloud];
  }
  return env;
}

interface AgentLine {
  name: string;
  workspace: string;
  build: number;
  token: string;
  instanceId?: string;
}

function agentsOf(scenario: Scenario): AgentLine[] {
  const out: AgentLine[] = [];
  for (const ws of scenario.workspaces ?? []) {
    for (const b of ws.builds)
      for (const r of b.resources)
        for (const a of r.agents) out.push({ name: a.name, workspace: ws.name, build: b.number, token: a.token, instanceId: a.instanceId });
  }
  return out;
}

function instanceOf(scenario: Scenario, cloud: Cloud): string | undefined {
  const m = (scenario.machine ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const v = cloud === 'aws' ? m.aws?.instanceId : cloud === 'azure' ? m.azure?.vmId : m.gcp?.instanceId;
  return typeof v === 'string' ? v : undefined;
}

/** Comment lines: the agents, then commands to paste once the exports are set. */
export function serveGuide(scenario: Scenario): string {
  const lines: string[] = [];
  const cloud = scenarioCloud(scenario);
  const agents = agentsOf(scenario);
  const instance = cloud ? instanceOf(scenario, cloud) : undefined;
  const onInstance = cloud ? agents.filter((a) => a.instanceId !== undefined && a.instanceId === instance) : [];
  lines.push(`# ${scenario.description.replace(/\s+/g, ' ').trim()}`);
  lines.push('# agents:');
  for (const a of agents) {
    const where = a.instanceId ? `, instance ${a.instanceId}${a.instanceId === instance ? ' (this machine)' : ''}` : '';
    lines.push(`#   ${a.name} (workspace ${a.workspace}, build ${a.build}, token ${a.token}${where})`);
  }
  const provider = scenario.externalAuth?.providers?.[0]?.id ?? 'github';
  lines.push('# try it (after the exports above):');
  if (cloud === 'aws') {
    lines.push(`#   curl -s -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 21600' --proxy "$HTTP_PROXY" http://169.254.169.254/latest/api/token`);
  } else if (cloud === 'azure') {
    lines.push(`#   curl -s -H 'Metadata: true' --proxy "$HTTP_PROXY" 'http://169.254.169.254/metadata/attested/document?api-version=2020-09-01'`);
  } else if (cloud === 'gcp') {
    lines.push(
      `#   curl -s -H 'Metadata-Flavor: Google' "http://$GCE_METADATA_HOST/computeMetadata/v1/instance/service-accounts/default/identity?audience=coder&format=full"`,
    );
  } else {
    lines.push(`#   curl -s -H "Coder-Session-Token: $CODER_AGENT_TOKEN" "$CODER_AGENT_URL/api/v2/workspaceagents/me/external-auth?id=${provider}&match="`);
  }
  const nameFlag = onInstance.length > 1 ? ` --agent-name ${onInstance[0].name}` : '';
  lines.push(`#   coder external-auth access-token ${provider}${nameFlag}${cloud ? `    # CODER_AGENT_AUTH=${CLOUD_AUTH[cloud]} is exported above` : ''}`);
  if (onInstance.length > 1) lines.push(`#   (${onInstance.length} agents share this instance: without --agent-name coderd answers 409 with their names)`);
  return `${lines.join('\n')}\n`;
}

function listScenarios(io: ServeIO): number {
  const names = scenarioNames();
  const width = Math.max(...names.map((n) => n.length));
  for (const n of names) {
    let description: string;
    try {
      description = loadScenario(n).description.replace(/\s+/g, ' ').trim();
    } catch (err) {
      description = `(does not load: ${(err as Error).message})`;
    }
    io.stdout.write(`${n.padEnd(width)}  ${description}\n`);
  }
  return 0;
}

/** Creates (or truncates) `file` now, so a bad path is reported before serving rather than at the end. */
function checkWritable(file: string, what: string, contents: string): string | undefined {
  try {
    writeFileSync(file, contents);
    return undefined;
  } catch (err) {
    return `cannot write ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
}

export async function serveCommand(argv: string[], io: ServeIO): Promise<number> {
  const flags = parseFlags(argv);
  if (flags === 'help') {
    io.stdout.write(SERVE_USAGE);
    return 0;
  }
  if (flags === 'list') return listScenarios(io);
  if (typeof flags === 'string') {
    io.stderr.write(`coder-conformance serve: ${flags}\nRun "coder-conformance serve --help" for the options.\n`);
    return 2;
  }
  let scenario: Scenario;
  try {
    scenario = loadScenario(flags.scenario);
  } catch (err) {
    if (err instanceof ScenarioError) {
      const guess = /no such scenario file/.test(err.message) ? didYouMean(flags.scenario, scenarioNames()) : undefined;
      io.stderr.write(
        `coder-conformance serve: ${err.message}${guess ? `; did you mean ${guess}?` : ''} (coder-conformance serve --list shows the scenarios)\n`,
      );
      return 2;
    }
    throw err;
  }
  const journal =
    flags.journal ??
    join(tmpdir(), `coder-conformance-journal-${scenario.name}-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${process.pid}.json`);
  const journalProblem = checkWritable(journal, 'the journal', '[]\n');
  if (journalProblem) {
    io.stderr.write(`coder-conformance serve: ${journalProblem} (checked before serving; give another --journal FILE)\n`);
    return 2;
  }
  let sim;
  try {
    sim = await startSimulator({ scenario, port: flags.port, revision: flags.revision });
  } catch (err) {
    io.stderr.write(`coder-conformance serve: cannot listen on 127.0.0.1:${flags.port}: ${(err as Error).message}\n`);
    return 2;
  }
  const env = serveEnv(sim.env, scenario);
  if (flags.envFile !== undefined) {
    const problem = checkWritable(
      flags.envFile,
      'the env file',
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    if (problem) {
      await sim.close();
      io.stderr.write(`coder-conformance serve: ${problem}\n`);
      return 2;
    }
  }
  io.stdout.write(
    `# coder-conformance simulator: scenario ${scenario.name}, revision ${sim.world.revision}, listening on ${sim.origin}\n` +
      shellExports(env) +
      serveGuide(scenario) +
      `# journal: ${journal} (written when stopped)\n` +
      (flags.envFile !== undefined ? `# env file: ${flags.envFile}\n` : '') +
      '# stop with Ctrl-C (SIGINT) or SIGTERM\n',
  );
  await stopSignal(io);
  await sim.close();
  try {
    await sim.journal.write(journal);
  } catch (err) {
    io.stderr.write(`coder-conformance serve: cannot write journal ${journal}: ${(err as Error).message}\n`);
    return 1;
  }
  io.stderr.write(`coder-conformance serve: journal (${sim.journal.entries.length} exchanges) written to ${journal}\n`);
  return 0;
}
