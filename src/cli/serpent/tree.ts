// The modelled command tree: coder → external-auth → access-token, per revision (Use, Short, Long with
// examples, options, RequireNArgs). Handlers are attached by the caller so this module stays data-only.
import { traitsOf, type Revision } from '../revision.ts';
import { formatExamples, type Example } from '../help/examples.ts';
import { accessTokenOptions, agentAuthOptions, rootOptions, type OptionDef } from './options.ts';
import type { Invocation } from './invocation.ts';
import type { GoError } from '../errors/model.ts';

export type Handler = (inv: Invocation) => Promise<GoError | undefined>;

export interface CommandDef {
  name: string;
  use: string;
  short: string;
  long: string;
  options: OptionDef[];
  children: CommandDef[];
  parent?: CommandDef;
  /** serpent.RequireNArgs(n) middleware. */
  requireNArgs?: number;
  handler?: Handler;
}

export function fullName(c: CommandDef): string {
  return c.parent ? `${fullName(c.parent)} ${c.name}` : c.name;
}

const ACCESS_TOKEN_EXAMPLES: Example[] = [
  {
    description: 'Ensure that the user is authenticated with GitHub before cloning.',
    command: `#!/usr/bin/env sh

OUTPUT=$(coder external-auth access-token github)
if [ $? -eq 0 ]; then
  echo "Authenticated with GitHub"
else
  echo "Please authenticate with GitHub:"
  echo $OUTPUT
fi
`,
  },
  {
    description: 'Obtain an extra property of an access token for additional metadata.',
    command: 'coder external-auth access-token slack --extra "authed_user.id"',
  },
  {
    description: 'Print the full token response as JSON.',
    command: 'coder external-auth access-token github --output json',
  },
];

const ACCESS_TOKEN_LONG =
  'Print an access-token for an external auth provider. The access-token will be validated and sent to stdout with exit code 0. If a valid access-token cannot be obtained, the URL to authenticate will be sent to stdout with exit code 1';

/** `env`: the invocation's environment (the default of `--global-config` shown in help depends on it). */
export function buildTree(revision: Revision, accessTokenHandler: Handler, env: Readonly<Record<string, string | undefined>> = {}): CommandDef {
  const traits = traitsOf(revision);
  const accessToken: CommandDef = {
    name: 'access-token',
    use: 'access-token <provider>',
    short: 'Print auth for an external provider',
    long: ACCESS_TOKEN_LONG + '\n' + formatExamples(ACCESS_TOKEN_EXAMPLES.slice(0, traits.exampleCount)),
    options: [...agentAuthOptions(traits, false), ...accessTokenOptions(traits)],
    children: [],
    requireNArgs: 1,
    handler: accessTokenHandler,
  };
  const externalAuth: CommandDef = {
    name: 'external-auth',
    use: 'external-auth',
    short: 'Manage external authentication',
    long: 'Authenticate with external services inside of a workspace.',
    options: [],
    children: [accessToken],
  };
  const root: CommandDef = {
    name: 'coder',
    use: 'coder [global-flags] <subcommand>',
    short: '',
    long: '',
    options: [...rootOptions(traits, env), ...agentAuthOptions(traits, true)],
    children: [externalAuth],
  };
  externalAuth.parent = root;
  accessToken.parent = externalAuth;
  return root;
}
