// Publishing configuration: which broker, which credentials, which consumer version and branch.
// Pure: reads an environment map and facts about the git checkout, returns a config or one error
// that names every missing or conflicting setting. Never echoes a credential or the broker URL
// (a URL may carry user:password@).

export type BrokerAuth = { kind: 'token'; token: string } | { kind: 'basic'; username: string; password: string };

export interface PublishConfig {
  brokerBaseUrl: string;
  auth: BrokerAuth;
  /** Consumer version: the full git commit SHA. */
  version: string;
  /** Consumer version branch. */
  branch: string;
}

export interface GitFacts {
  /** `git rev-parse HEAD` */
  commit: string;
  /** `git rev-parse --abbrev-ref HEAD` (`HEAD` when detached) */
  branch: string;
}

export class PublishConfigError extends Error {
  override name = 'PublishConfigError';
}

const set = (v: string | undefined): v is string => v !== undefined && v !== '';

/** Environment variables this module reads (the pact-broker client reads the same names). */
export const BROKER_ENV = {
  baseUrl: 'PACT_BROKER_BASE_URL',
  token: 'PACT_BROKER_TOKEN',
  username: 'PACT_BROKER_USERNAME',
  password: 'PACT_BROKER_PASSWORD',
  /** Only consulted when git reports a detached HEAD (typical CI checkouts). */
  branchOverride: 'PACT_CONSUMER_BRANCH',
} as const;

export function resolvePublishConfig(env: Record<string, string | undefined>, git: GitFacts): PublishConfig {
  const problems: string[] = [];

  const baseUrl = env[BROKER_ENV.baseUrl];
  if (!set(baseUrl)) {
    problems.push(`${BROKER_ENV.baseUrl} is not set: set it to the Pact Broker or PactFlow base URL (e.g. https://broker.example.com)`);
  } else if (!isHttpUrl(baseUrl)) {
    problems.push(`${BROKER_ENV.baseUrl} must be an absolute http:// or https:// URL`);
  }

  const token = env[BROKER_ENV.token];
  const username = env[BROKER_ENV.username];
  const password = env[BROKER_ENV.password];
  let auth: BrokerAuth | undefined;
  if (set(token) && (set(username) || set(password))) {
    problems.push(`both ${BROKER_ENV.token} and ${BROKER_ENV.username}/${BROKER_ENV.password} are set: use one kind of credentials`);
  } else if (set(token)) {
    auth = { kind: 'token', token };
  } else if (set(username) && set(password)) {
    auth = { kind: 'basic', username, password };
  } else if (set(username)) {
    problems.push(`${BROKER_ENV.username} is set but ${BROKER_ENV.password} is not`);
  } else if (set(password)) {
    problems.push(`${BROKER_ENV.password} is set but ${BROKER_ENV.username} is not`);
  } else {
    problems.push(`no broker credentials: set ${BROKER_ENV.token}, or ${BROKER_ENV.username} and ${BROKER_ENV.password}`);
  }

  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(git.commit)) {
    problems.push(`the git commit is not a full SHA: ${JSON.stringify(git.commit)}`);
  }
  let branch = git.branch;
  if (branch === 'HEAD' || branch === '') {
    const override = env[BROKER_ENV.branchOverride];
    if (set(override)) branch = override;
    else problems.push(`git HEAD is detached, so the branch is unknown: set ${BROKER_ENV.branchOverride}`);
  }

  if (problems.length > 0 || auth === undefined || !set(baseUrl)) {
    throw new PublishConfigError(`cannot publish pacts:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return { brokerBaseUrl: baseUrl, auth, version: git.commit, branch };
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}
