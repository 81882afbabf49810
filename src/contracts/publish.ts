// Publishes the committed pact files with the real pact-broker client of @pact-foundation/pact-cli
// (`pact-broker publish`). Consumer version = git commit, branch = git branch. Credentials reach
// the client through its environment (PACT_BROKER_TOKEN / _USERNAME / _PASSWORD), never argv,
// so they do not show in process listings or in our output.
import { createRequire } from 'node:module';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { PACT_DIR } from './names.ts';
import { BROKER_ENV, PublishConfigError, resolvePublishConfig, type GitFacts, type PublishConfig } from './publish-config.ts';

export interface Writable {
  write(s: string | Uint8Array): unknown;
}

export interface PublishOptions {
  env: Record<string, string | undefined>;
  /** The git checkout whose HEAD names the consumer version (default: the repository root). */
  cwd?: string;
  /** Directory holding the pact files (default: pacts/). */
  pactDir?: string;
  stdout: Writable;
  stderr: Writable;
}

export interface PublishOutcome {
  exitCode: number;
  config: PublishConfig;
  files: string[];
}

/** Reads the commit and branch of the checkout at `cwd`; clear errors outside a git checkout. */
export async function readGitFacts(cwd: string): Promise<GitFacts> {
  const git = async (...args: string[]) => {
    const r = await execa('git', args, { cwd, reject: false });
    if (r.exitCode !== 0) {
      const why = String(r.stderr ?? '').trim() || (r.exitCode === undefined ? r.shortMessage : `exit ${r.exitCode}`);
      throw new PublishConfigError(`cannot read git ${args.join(' ')} in ${cwd}: ${why}`);
    }
    return String(r.stdout).trim();
  };
  return { commit: await git('rev-parse', 'HEAD'), branch: await git('rev-parse', '--abbrev-ref', 'HEAD') };
}

/** Refuses to publish pact files that differ from the commit used as the consumer version. */
async function assertCommitted(cwd: string, files: string[]): Promise<void> {
  const r = await execa('git', ['status', '--porcelain', '--', ...files], { cwd, reject: false });
  const dirty = String(r.stdout).trim();
  if (r.exitCode !== 0 || dirty !== '') {
    throw new PublishConfigError(
      `cannot publish pacts: these pact files are not committed, so the git commit would not describe them:\n${dirty || String(r.stderr).trim()}`,
    );
  }
}

export async function listPactFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    throw new PublishConfigError(`cannot publish pacts: cannot read ${dir}: ${(e as Error).message}`);
  }
  const files = names
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => path.join(dir, n));
  if (files.length === 0) {
    throw new PublishConfigError(`cannot publish pacts: no pact files (*.json) in ${dir}; run \`npm run pact:consumer\` first`);
  }
  return files;
}

/** The pact-broker executable shipped by @pact-foundation/pact-cli. */
export function pactBrokerBin(): string {
  return createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/bin/pact-broker.js');
}

/** argv for `pact-broker publish` (no credentials: those go through the environment). */
export function publishArgs(config: PublishConfig, files: string[]): string[] {
  return ['publish', ...files, '--broker-base-url', config.brokerBaseUrl, '--consumer-app-version', config.version, '--branch', config.branch];
}

/** The client's environment: ours minus every broker credential, plus the chosen one. */
export function publishEnv(base: Record<string, string | undefined>, config: PublishConfig): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined) continue;
    if (k === BROKER_ENV.token || k === BROKER_ENV.username || k === BROKER_ENV.password) continue;
    env[k] = v;
  }
  env.PACT_DO_NOT_TRACK = 'true';
  if (config.auth.kind === 'token') env[BROKER_ENV.token] = config.auth.token;
  else {
    env[BROKER_ENV.username] = config.auth.username;
    env[BROKER_ENV.password] = config.auth.password;
  }
  return env;
}

/**
 * Resolves the configuration, then runs `pact-broker publish`. Throws PublishConfigError before
 * anything is sent when configuration is missing; otherwise returns the client's exit code.
 */
export async function publishPacts(opts: PublishOptions): Promise<PublishOutcome> {
  const cwd = opts.cwd ?? path.dirname(PACT_DIR);
  const dir = opts.pactDir ?? PACT_DIR;
  const config = resolvePublishConfig(opts.env, await readGitFacts(cwd));
  const files = await listPactFiles(dir);
  await assertCommitted(cwd, files);
  opts.stdout.write(`Publishing ${files.length} pact file(s) as version ${config.version} on branch ${config.branch}\n`);
  const child = execa(process.execPath, [pactBrokerBin(), ...publishArgs(config, files)], {
    cwd,
    env: publishEnv(opts.env, config),
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
  });
  child.stdout?.on('data', (d: Uint8Array) => opts.stdout.write(d));
  child.stderr?.on('data', (d: Uint8Array) => opts.stderr.write(d));
  const result = await child;
  return { exitCode: result.exitCode ?? 1, config, files };
}
