// Publishing: configuration errors, and the real `pact-broker publish` client against a broker
// double on 127.0.0.1, asserting every HTTP call it makes (index, publish-contracts, auth header,
// consumer version = git commit, branch = git branch).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { mkdtemp, mkdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBrokerDouble, type BrokerDouble } from './broker-double.ts';
import { publishPacts } from './publish.ts';
import { PublishConfigError, resolvePublishConfig } from './publish-config.ts';
import { CONSUMER, PACT_FILE, PACT_FILE_NAME, PROVIDER, REPO_ROOT } from './names.ts';

const SHA = 'a'.repeat(40);

describe('resolvePublishConfig', () => {
  const git = { commit: SHA, branch: 'main' };
  const fail = (env: Record<string, string>, g = git) => {
    try {
      resolvePublishConfig(env, g);
    } catch (e) {
      expect(e).toBeInstanceOf(PublishConfigError);
      return (e as Error).message;
    }
    throw new Error('expected a PublishConfigError');
  };

  it('names every missing setting at once', () => {
    expect(fail({})).toBe(
      'cannot publish pacts:\n' +
        '  - PACT_BROKER_BASE_URL is not set: set it to the Pact Broker or PactFlow base URL (e.g. https://broker.example.com)\n' +
        '  - no broker credentials: set PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD',
    );
  });

  it('treats empty values as unset', () => {
    expect(fail({ PACT_BROKER_BASE_URL: 'https://b.example', PACT_BROKER_TOKEN: '' })).toBe(
      'cannot publish pacts:\n  - no broker credentials: set PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD',
    );
  });

  it('rejects half basic auth and mixed credentials without echoing them', () => {
    const base = { PACT_BROKER_BASE_URL: 'https://b.example' };
    expect(fail({ ...base, PACT_BROKER_USERNAME: 'u-secret' })).toBe('cannot publish pacts:\n  - PACT_BROKER_USERNAME is set but PACT_BROKER_PASSWORD is not');
    expect(fail({ ...base, PACT_BROKER_PASSWORD: 'p-secret' })).toBe('cannot publish pacts:\n  - PACT_BROKER_PASSWORD is set but PACT_BROKER_USERNAME is not');
    const mixed = fail({ ...base, PACT_BROKER_TOKEN: 't-secret', PACT_BROKER_USERNAME: 'u', PACT_BROKER_PASSWORD: 'p' });
    expect(mixed).toBe('cannot publish pacts:\n  - both PACT_BROKER_TOKEN and PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD are set: use one kind of credentials');
    expect(mixed).not.toContain('t-secret');
  });

  it('rejects a non-http broker URL without printing it', () => {
    const msg = fail({ PACT_BROKER_BASE_URL: 'ftp://user:pw-secret@b.example', PACT_BROKER_TOKEN: 't' });
    expect(msg).toBe('cannot publish pacts:\n  - PACT_BROKER_BASE_URL must be an absolute http:// or https:// URL');
  });

  it('needs a branch on a detached HEAD, from PACT_CONSUMER_BRANCH', () => {
    const env = { PACT_BROKER_BASE_URL: 'https://b.example', PACT_BROKER_TOKEN: 't' };
    expect(fail(env, { commit: SHA, branch: 'HEAD' })).toBe(
      'cannot publish pacts:\n  - git HEAD is detached, so the branch is unknown: set PACT_CONSUMER_BRANCH',
    );
    expect(resolvePublishConfig({ ...env, PACT_CONSUMER_BRANCH: 'release/1' }, { commit: SHA, branch: 'HEAD' })).toEqual({
      brokerBaseUrl: 'https://b.example',
      auth: { kind: 'token', token: 't' },
      version: SHA,
      branch: 'release/1',
    });
  });

  it('resolves token and basic credentials', () => {
    expect(resolvePublishConfig({ PACT_BROKER_BASE_URL: 'http://127.0.0.1:9', PACT_BROKER_USERNAME: 'u', PACT_BROKER_PASSWORD: 'p' }, git)).toEqual({
      brokerBaseUrl: 'http://127.0.0.1:9',
      auth: { kind: 'basic', username: 'u', password: 'p' },
      version: SHA,
      branch: 'main',
    });
  });
});

describe('publishPacts with the real pact-broker client', () => {
  let repo: string;
  let commit: string;
  let broker: BrokerDouble | undefined;
  const BRANCH = 'feature/agent-name';

  const git = (...args: string[]) => execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo });

  beforeAll(async () => {
    // A throwaway checkout holding the committed pact file, on a known branch.
    repo = await mkdtemp(path.join(os.tmpdir(), 'contracts-publish-'));
    await git('init', '-q', '-b', BRANCH);
    await mkdir(path.join(repo, 'pacts'));
    await copyFile(PACT_FILE, path.join(repo, 'pacts', PACT_FILE_NAME));
    await git('add', 'pacts');
    await git('commit', '-q', '-m', 'pacts');
    commit = String((await git('rev-parse', 'HEAD')).stdout).trim();
  });
  afterAll(async () => {
    await rm(repo, { recursive: true, force: true });
  });
  afterEach(async () => {
    await broker?.close();
    broker = undefined;
  });

  const sink = () => {
    const out: string[] = [];
    return { out, w: { write: (s: string | Uint8Array) => out.push(typeof s === 'string' ? s : Buffer.from(s).toString('utf8')) } };
  };
  const baseEnv = () => {
    const env: Record<string, string> = { PACT_BROKER_HTTP_RETRIES: '0' };
    for (const k of ['PATH', 'HOME', 'TMPDIR']) if (process.env[k] !== undefined) env[k] = process.env[k]!;
    return env;
  };
  const run = (env: Record<string, string>) => {
    const stdout = sink();
    const stderr = sink();
    const p = publishPacts({ env: { ...baseEnv(), ...env }, cwd: repo, pactDir: path.join(repo, 'pacts'), stdout: stdout.w, stderr: stderr.w });
    return { p, stdout: stdout.out, stderr: stderr.out };
  };

  const expectPublishCall = async (b: BrokerDouble, authorization: string) => {
    expect(b.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /', 'POST /contracts/publish']);
    for (const c of b.calls) expect(c.headers.authorization).toBe(authorization);
    expect(b.calls[1].headers['content-type']).toBe('application/json');
    const body = JSON.parse(b.calls[1].body) as Record<string, unknown> & { contracts: Array<Record<string, string>> };
    const { contracts, ...rest } = body;
    expect(rest).toEqual({ pacticipantName: CONSUMER, pacticipantVersionNumber: commit, branch: BRANCH });
    expect(contracts).toHaveLength(1);
    const { content, ...meta } = contracts[0];
    expect(meta).toEqual({
      consumerName: CONSUMER,
      providerName: PROVIDER,
      specification: 'pact',
      contentType: 'application/json',
      onConflict: 'overwrite',
    });
    // The client re-serialises the pact; what it sends must carry the same interactions.
    const sent = JSON.parse(Buffer.from(content, 'base64').toString('utf8')) as { interactions: Array<{ description: string }> };
    const file = JSON.parse(await readFile(PACT_FILE, 'utf8')) as { interactions: Array<{ description: string }> };
    expect(sent.interactions.map((i) => i.description)).toEqual(file.interactions.map((i) => i.description));
  };

  it('publishes with a bearer token: index, then publish-contracts with commit and branch', async () => {
    broker = await startBrokerDouble({ authorization: 'Bearer tok-S3cret' });
    const r = run({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: 'tok-S3cret' });
    const outcome = await r.p;
    expect(outcome.exitCode).toBe(0);
    expect(outcome.config.version).toBe(commit);
    await expectPublishCall(broker, 'Bearer tok-S3cret');
    expect(r.stdout[0]).toBe(`Publishing 1 pact file(s) as version ${commit} on branch ${BRANCH}\n`);
    expect(r.stdout.join('') + r.stderr.join('')).not.toContain('tok-S3cret');
  });

  it('publishes with basic auth', async () => {
    broker = await startBrokerDouble({ authorization: `Basic ${Buffer.from('ci-user:pw-S3cret').toString('base64')}` });
    const outcome = await run({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_USERNAME: 'ci-user', PACT_BROKER_PASSWORD: 'pw-S3cret' }).p;
    expect(outcome.exitCode).toBe(0);
    await expectPublishCall(broker, `Basic ${Buffer.from('ci-user:pw-S3cret').toString('base64')}`);
  });

  it('fails when the broker rejects the credentials', async () => {
    broker = await startBrokerDouble({ authorization: 'Bearer right' });
    const outcome = await run({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: 'wrong' }).p;
    expect(outcome.exitCode).not.toBe(0);
    expect(broker.calls.map((c) => `${c.method} ${c.path} ${c.headers.authorization}`)).toEqual(['GET / Bearer wrong']);
  });

  it('fails against a broker without the publish-contracts relation', async () => {
    broker = await startBrokerDouble({ authorization: 'Bearer t', publishContracts: false });
    const r = run({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: 't' });
    const outcome = await r.p;
    expect(outcome.exitCode).not.toBe(0);
    expect(broker.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /']);
  });

  it('refuses uncommitted pact files before contacting the broker', async () => {
    broker = await startBrokerDouble({ authorization: 'Bearer t' });
    const file = path.join(repo, 'pacts', PACT_FILE_NAME);
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace(/\n$/, '\n\n'));
    try {
      await expect(run({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: 't' }).p).rejects.toThrow(
        `cannot publish pacts: these pact files are not committed, so the git commit would not describe them:\nM pacts/${PACT_FILE_NAME}`,
      );
      expect(broker.calls).toEqual([]);
    } finally {
      await writeFile(file, original);
    }
  });
});

describe('npm run pact:publish entry', () => {
  it('exits 2 with a clear error when the broker settings are missing', async () => {
    // PACT_CONSUMER_BRANCH keeps the outcome independent of a detached CI checkout.
    const env: Record<string, string> = { PACT_DO_NOT_TRACK: 'true', PACT_CONSUMER_BRANCH: 'ci' };
    for (const k of ['PATH', 'HOME']) if (process.env[k] !== undefined) env[k] = process.env[k]!;
    const r = await execa(process.execPath, ['src/contracts/tsrun.mjs', 'src/contracts/publish-main.ts'], {
      cwd: REPO_ROOT,
      env,
      extendEnv: false,
      reject: false,
    });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'pact:publish: cannot publish pacts:\n' +
        '  - PACT_BROKER_BASE_URL is not set: set it to the Pact Broker or PactFlow base URL (e.g. https://broker.example.com)\n' +
        '  - no broker credentials: set PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD',
    );
  });
});
