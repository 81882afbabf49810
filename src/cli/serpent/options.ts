// Option definitions of the modelled commands (serpent Option: Name, Flag, Env, Default, Description,
// Hidden, Value type). Agent-auth options follow behavior.md §2.1; `--extra`/`--output` §1.1.
// Root global options are modelled only as far as they parse and show in help (see rootOptions).
import { posix } from 'node:path';
import { goURLVersion, type RevisionTraits } from '../revision.ts';
import type { ValueKind } from './values.ts';

export interface OptionDef {
  /** Storage key; the handler reads values by it. */
  key: string;
  /** serpent Option.Name: sorts the help and names env errors; '' for root options without a Name. */
  name: string;
  flag: string;
  shorthand?: string;
  env?: string;
  default?: string;
  description: string;
  hidden?: boolean;
  value: ValueKind;
}

const str: ValueKind = { kind: 'string' };
const bool: ValueKind = { kind: 'bool' };

/**
 * The agent-auth options in AttachOptions order (Agent Token, Agent Token File, Agent URL, Agent Auth,
 * Agent Name). The root attaches them hidden, access-token visible.
 */
export function agentAuthOptions(traits: RevisionTraits, hidden: boolean): OptionDef[] {
  const opts: OptionDef[] = [
    { key: 'agentToken', name: 'Agent Token', flag: 'agent-token', env: 'CODER_AGENT_TOKEN', description: 'An agent authentication token.', value: str },
    {
      key: 'agentTokenFile',
      name: 'Agent Token File',
      flag: 'agent-token-file',
      env: 'CODER_AGENT_TOKEN_FILE',
      description: 'A file containing an agent authentication token.',
      value: str,
    },
    {
      key: 'agentURL',
      name: 'Agent URL',
      flag: 'agent-url',
      env: 'CODER_AGENT_URL',
      description: 'URL for an agent to access your deployment.',
      value: { kind: 'url', go: goURLVersion(traits) },
    },
    {
      key: 'agentAuth',
      name: 'Agent Auth',
      flag: 'auth',
      env: 'CODER_AGENT_AUTH',
      default: 'token',
      description: 'Specify the authentication type to use for the agent.',
      value: str,
    },
  ];
  if (traits.agentName) {
    opts.push({
      key: 'agentName',
      name: 'Agent Name',
      flag: 'agent-name',
      env: 'CODER_AGENT_NAME',
      description: 'The name of the agent to authenticate as (only applicable for instance identity).',
      value: str,
    });
  }
  return opts.map((o) => ({ ...o, hidden }));
}

/** access-token's own options. */
export function accessTokenOptions(traits: RevisionTraits): OptionDef[] {
  const opts: OptionDef[] = [
    { key: 'extra', name: 'Extra', flag: 'extra', description: 'Extract a field from the "extra" properties of the OAuth token.', value: str },
  ];
  if (traits.outputFlag) {
    opts.push({
      key: 'output',
      name: 'Output',
      flag: 'output',
      default: 'text',
      description: 'Output format. Available formats: text, json.',
      value: { kind: 'enum', choices: ['text', 'json'] },
    });
  }
  return opts;
}

/**
 * `--client-tls-*` (coder #24435, RevisionTraits.clientTLSFlags). Upstream reads the files only for TLS
 * connections (https URLs, DERP); the suite's agent URLs are http, where upstream ignores them too (a
 * missing file is no error, checked on v2.36.0), so the reference only parses them.
 */
const CLIENT_TLS_OPTIONS: OptionDef[] = [
  {
    key: 'clientTLSCAFile',
    name: '',
    flag: 'client-tls-ca-file',
    env: 'CODER_CLIENT_TLS_CA_FILE',
    description: 'Path to a CA certificate file to trust for API and DERP connections.',
    value: str,
  },
  {
    key: 'clientTLSCertFile',
    name: '',
    flag: 'client-tls-cert-file',
    env: 'CODER_CLIENT_TLS_CERT_FILE',
    description: 'Path to a client certificate file for mTLS authentication with API and DERP. Requires --client-tls-key-file.',
    value: str,
  },
  {
    key: 'clientTLSKeyFile',
    name: '',
    flag: 'client-tls-key-file',
    env: 'CODER_CLIENT_TLS_KEY_FILE',
    description: 'Path to a client private key file for mTLS authentication with API and DERP. Requires --client-tls-cert-file.',
    value: str,
  },
];

/**
 * The default of `--global-config` as upstream shows it (kirsle/configdir LocalConfig("coderv2") on
 * Linux): $XDG_CONFIG_HOME/coderv2 when XDG_CONFIG_HOME is set and not empty, else
 * $HOME/.config/coderv2, joined and cleaned like Go's filepath.Join (no HOME: `.config/coderv2`).
 */
export function defaultConfigDir(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_CONFIG_HOME;
  return xdg ? posix.join(xdg, 'coderv2') : posix.join(env.HOME ?? '', '.config', 'coderv2');
}

/**
 * Root (`coder`) global options we model. They must parse (so `coder --url x …`, `-v` or a bad
 * CODER_URL behave like upstream) and show in `coder --help` as upstream's do (checked on real builds by
 * the cases help/root-global-options*), but only `--verbose` changes this command's behaviour (error
 * formatting). These have no Name upstream, so env errors name them by flag (`parse "url": …`). The list
 * and order follow upstream cli/root.go of 2026 (no-open, use-keyring with default true, debug-http and
 * version included: a bad CODER_NO_OPEN or CODER_USE_KEYRING fails env parsing like upstream). Hidden as
 * upstream: no-open, debug-http, version. Not modelled: options of other coder revisions' roots that
 * these revisions do not declare.
 */
export function rootOptions(traits: RevisionTraits, env: Readonly<Record<string, string | undefined>>): OptionDef[] {
  return [
    { key: 'url', name: '', flag: 'url', env: 'CODER_URL', description: 'URL to a deployment.', value: { kind: 'url', go: goURLVersion(traits) } },
    ...(traits.clientTLSFlags ? CLIENT_TLS_OPTIONS : []),
    { key: 'debugOptions', name: '', flag: 'debug-options', description: "Print all options, how they're set, then exit.", value: bool },
    {
      key: 'token',
      name: '',
      flag: 'token',
      env: 'CODER_SESSION_TOKEN',
      description: 'Specify an authentication token. For security reasons setting CODER_SESSION_TOKEN is preferred.',
      value: str,
    },
    {
      key: 'noVersionWarning',
      name: '',
      flag: 'no-version-warning',
      env: 'CODER_NO_VERSION_WARNING',
      description: 'Suppress warning when client and server versions do not match.',
      value: bool,
    },
    {
      key: 'noFeatureWarning',
      name: '',
      flag: 'no-feature-warning',
      env: 'CODER_NO_FEATURE_WARNING',
      description: 'Suppress warnings about unlicensed features.',
      value: bool,
    },
    {
      key: 'header',
      name: '',
      flag: 'header',
      env: 'CODER_HEADER',
      description: 'Additional HTTP headers added to all requests. Provide as key=value. Can be specified multiple times.',
      value: { kind: 'string-array' },
    },
    {
      key: 'headerCommand',
      name: '',
      flag: 'header-command',
      env: 'CODER_HEADER_COMMAND',
      description:
        'An external command that outputs additional HTTP headers added to all requests. The command must output each header as `key=value` on its own line.',
      value: str,
    },
    {
      key: 'noOpen',
      name: '',
      flag: 'no-open',
      env: 'CODER_NO_OPEN',
      hidden: true,
      description: 'Suppress opening the browser when logging in, or starting the server.',
      value: bool,
    },
    { key: 'forceTTY', name: '', flag: 'force-tty', env: 'CODER_FORCE_TTY', description: 'Force the use of a TTY.', value: bool },
    { key: 'verbose', name: '', flag: 'verbose', shorthand: 'v', env: 'CODER_VERBOSE', description: 'Enable verbose output.', value: bool },
    {
      key: 'disableDirectConnections',
      name: '',
      flag: 'disable-direct-connections',
      env: 'CODER_DISABLE_DIRECT_CONNECTIONS',
      description: 'Disable direct (P2P) connections to workspaces.',
      value: bool,
    },
    {
      key: 'disableNetworkTelemetry',
      name: '',
      flag: 'disable-network-telemetry',
      env: 'CODER_DISABLE_NETWORK_TELEMETRY',
      description:
        'Disable network telemetry. Network telemetry is collected when connecting to workspaces using the CLI, and is forwarded to the server. If telemetry is also enabled on the server, it may be sent to Coder. Network telemetry is used to measure network quality and detect regressions.',
      value: bool,
    },
    {
      key: 'useKeyring',
      name: '',
      flag: 'use-keyring',
      env: 'CODER_USE_KEYRING',
      default: 'true',
      description:
        'Store and retrieve session tokens using the operating system keyring. This flag is ignored and file-based storage is used when --global-config is set or keyring usage is not supported on the current platform. Set to false to force file-based storage on supported platforms.',
      value: bool,
    },
    { key: 'debugHTTP', name: '', flag: 'debug-http', hidden: true, description: 'Debug codersdk HTTP requests.', value: bool },
    {
      key: 'globalConfig',
      name: '',
      flag: 'global-config',
      env: 'CODER_CONFIG_DIR',
      default: defaultConfigDir(env),
      description: 'Path to the global `coder` config directory.',
      value: str,
    },
    {
      key: 'versionFlag',
      name: '',
      flag: 'version',
      hidden: true,
      description: 'Run the version command. Useful for v1 customers migrating to v2.',
      value: bool,
    },
  ];
}

/** The name serpent shows for an option in errors and sorts by: Name, else the flag. */
export function displayName(o: OptionDef): string {
  return o.name !== '' ? o.name : o.flag;
}
