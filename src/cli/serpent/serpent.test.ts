// serpent/pflag behaviour through run(): flag, env and help errors (§5.2), value precedence and env
// rules (§2.1), argument counting, and the §8 edges 9, 15, 16 and 18. None of these reach the network.
import { describe, expect, it } from 'vitest';
import { HEADER, runCli } from '../testutil.ts';

const AT = ['external-auth', 'access-token'];
const flagErr = (argv: string[], cmd: string, msg: string) => `parsing flags ([${argv.join(' ')}]) for "${cmd}": ${msg}\n`;
// With verbose on, serpent's xerrors wrap prints as `outer:\n<frame>\n  - inner`; the reference omits Go's
// stack frame (file paths and line numbers of the build), see UNCONFIRMED.verboseStackFrames.
const verboseFlagErr = (argv: string[], cmd: string, msg: string) => `parsing flags ([${argv.join(' ')}]) for "${cmd}":\n  - ${msg}\n`;
const NO_URL = HEADER + 'create agent client: CODER_AGENT_URL must be set\n';

describe('flag errors print without the header, naming the deepest command reached (§5.2, §8.15)', () => {
  const cases: [string[], string, string][] = [
    [[...AT, 'github', '--nope'], 'coder external-auth access-token', 'unknown flag: --nope'],
    [[...AT, '--nope', 'github'], 'coder external-auth access-token', 'unknown flag: --nope'],
    [[...AT, 'github', '--nope=1'], 'coder external-auth access-token', 'unknown flag: --nope'],
    [['--nope', ...AT, 'github'], 'coder', 'unknown flag: --nope'],
    [['external-auth', '--extra', 'x', 'access-token', 'github'], 'coder external-auth', 'unknown flag: --extra'],
    [['--extra', 'x', ...AT, 'github'], 'coder', 'unknown flag: --extra'],
    [[...AT, 'github', '-x'], 'coder external-auth access-token', "unknown shorthand flag: 'x' in -x"],
    [[...AT, 'github', '--extra'], 'coder external-auth access-token', 'flag needs an argument: --extra'],
    [
      [...AT, 'github', '--agent-url', ':'],
      'coder external-auth access-token',
      'invalid argument ":" for "--agent-url" flag: parse ":": missing protocol scheme',
    ],
    [['--agent-url', ':', ...AT, 'github'], 'coder', 'invalid argument ":" for "--agent-url" flag: parse ":": missing protocol scheme'],
    [
      [...AT, 'github', '--verbose=maybe'],
      'coder external-auth access-token',
      'invalid argument "maybe" for "-v, --verbose" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
    [[...AT, 'github', '--=x'], 'coder external-auth access-token', 'bad flag syntax: --=x'],
    [[...AT, 'github', '---x'], 'coder external-auth access-token', 'bad flag syntax: ---x'],
    [[...AT, '', 'github', '--nope'], 'coder external-auth access-token', 'unknown flag: --nope'],
    [[...AT, 'github', '--output', 'json'], 'coder external-auth access-token', 'unknown flag: --output'],
  ];
  it.each(cases)('%j', async (argv, cmd, msg) => {
    expect(await runCli(argv)).toEqual({ code: 1, stdout: '', stderr: flagErr(argv, cmd, msg) });
  });

  it('an empty argument shows as a doubled space in the argv list', async () => {
    const r = await runCli([...AT, '', 'github', '--nope']);
    expect(r.stderr).toBe('parsing flags ([external-auth access-token  github --nope]) for "coder external-auth access-token": unknown flag: --nope\n');
  });

  it('--output xml fails with the enum error (pr26883)', async () => {
    const argv = [...AT, 'github', '--output', 'xml'];
    expect(await runCli(argv, { CODER_REFERENCE_REVISION: 'pr26883' })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'parsing flags ([external-auth access-token github --output xml]) for "coder external-auth access-token": invalid argument "xml" for "--output" flag: invalid choice: xml, should be one of [text json]\n',
    });
  });

  it('--agent-name is unknown before PR #24325', async () => {
    const argv = [...AT, 'github', '--agent-name', 'dev'];
    expect((await runCli(argv, { CODER_REFERENCE_REVISION: 'pre-agent-name' })).stderr).toBe(
      flagErr(argv, 'coder external-auth access-token', 'unknown flag: --agent-name'),
    );
  });
});

describe('argument handling', () => {
  it('no provider: RequireNArgs with the header', async () => {
    expect(await runCli(AT)).toEqual({ code: 1, stdout: '', stderr: HEADER + 'wanted 1 args but got 0 []\n' });
  });
  it('two args; `--` ends flags; a lone `-` is positional', async () => {
    expect((await runCli([...AT, 'github', 'x'])).stderr).toBe(HEADER + 'wanted 1 args but got 2 [github x]\n');
    expect((await runCli([...AT, 'github', '--', '--nope'])).stderr).toBe(HEADER + 'wanted 1 args but got 2 [github --nope]\n');
    expect((await runCli([...AT, '-', 'github'])).stderr).toBe(HEADER + 'wanted 1 args but got 2 [- github]\n');
    expect((await runCli([...AT, '-'])).stderr).toBe(NO_URL);
  });
  it('a value flag consumes the next argument even if it starts with - (then the handler runs)', async () => {
    expect(await runCli([...AT, 'github', '--extra', '--nope'])).toEqual({ code: 1, stdout: '', stderr: NO_URL });
    expect(await runCli([...AT, 'github', '--extra', '-h'])).toEqual({ code: 1, stdout: '', stderr: NO_URL });
  });
  it('env errors beat flag errors, which beat the argument count', async () => {
    expect((await runCli([...AT, '--nope'], { CODER_AGENT_URL: ':' })).stderr).toMatch(/^parsing env: /);
    expect((await runCli([...AT, '--nope'])).stderr).toMatch(/^parsing flags /);
  });
});

describe('env parsing (§2.1, §5.2)', () => {
  it('a bad CODER_AGENT_URL fails the root env parse: go-multierror text + the formatter newline', async () => {
    expect(await runCli([...AT, 'github'], { CODER_AGENT_URL: ':' })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'parsing env: 1 error occurred:\n\t* parse "Agent URL": parse ":": missing protocol scheme\n\n\n',
    });
  });
  it('several bad values are listed in option-Name order; root options without a Name use the flag', async () => {
    const r = await runCli([...AT, 'github'], { CODER_VERBOSE: 'abc', CODER_URL: ':', CODER_AGENT_URL: ':' });
    expect(r.stderr).toBe(
      'parsing env: 3 errors occurred:\n\t* parse "Agent URL": parse ":": missing protocol scheme\n\t* parse "url": parse ":": missing protocol scheme\n\t* parse "verbose": strconv.ParseBool: parsing "abc": invalid syntax\n\n\n',
    );
  });
  it('names are upper-cased; the later duplicate wins', async () => {
    const base = { CODER_AGENT_URL: 'http://x.test' };
    expect((await runCli([...AT, 'github'], { ...base, coder_agent_auth: 'one' })).stderr).toBe(HEADER + 'create agent client: unknown agent auth type: one\n');
    expect((await runCli([...AT, 'github'], { ...base, CODER_AGENT_AUTH: 'one', coder_agent_auth: 'two' })).stderr).toBe(
      HEADER + 'create agent client: unknown agent auth type: two\n',
    );
  });
  it('HOMEBREW_<NAME> stands in only when <NAME> is absent', async () => {
    expect((await runCli([...AT, 'github'], { HOMEBREW_CODER_AGENT_URL: ':' })).stderr).toMatch(/^parsing env: 1 error occurred:\n\t\* parse "Agent URL"/);
    expect((await runCli([...AT, 'github'], { CODER_AGENT_URL: '', HOMEBREW_CODER_AGENT_URL: ':' })).stderr).toBe(NO_URL);
  });
  it('CODER_AGENT_AUTH= : unset (default token) in the PR24325 era, set to "" in the #26883 era (§8.16)', async () => {
    const env = { CODER_AGENT_URL: 'http://x.test', CODER_AGENT_AUTH: '' };
    expect((await runCli([...AT, 'github'], env)).stderr).toBe(
      HEADER + 'create agent client: Either CODER_AGENT_TOKEN or CODER_AGENT_TOKEN_FILE must be set\n',
    );
    expect((await runCli([...AT, 'github'], { ...env, CODER_REFERENCE_REVISION: 'pre-agent-name' })).stderr).toBe(
      HEADER + 'create agent client: Either CODER_AGENT_TOKEN or CODER_AGENT_TOKEN_FILE must be set\n',
    );
    expect((await runCli([...AT, 'github'], { ...env, CODER_REFERENCE_REVISION: 'pr26883' })).stderr).toBe(
      HEADER + 'create agent client: unknown agent auth type: \n',
    );
  });
  it('the flag beats the env value', async () => {
    expect((await runCli([...AT, 'github', '--auth', 'flagged'], { CODER_AGENT_URL: 'http://x.test', CODER_AGENT_AUTH: 'env' })).stderr).toBe(
      HEADER + 'create agent client: unknown agent auth type: flagged\n',
    );
  });
});

describe('help requests (§5.2, §8.18)', () => {
  it('a positional before --help: no help, unrecognized subcommand with the header', async () => {
    expect(await runCli([...AT, 'github', '--help'])).toEqual({ code: 1, stdout: '', stderr: HEADER + 'unrecognized subcommand "github"\n' });
  });
  it('with -h it prints plain', async () => {
    expect(await runCli([...AT, 'github', 'x', '-h'])).toEqual({ code: 1, stdout: '', stderr: 'unrecognized subcommand "github x"\n' });
  });
  it('coder external-auth bogus: helpFn writes ---, then the error with the external-auth header', async () => {
    expect(await runCli(['external-auth', 'bogus'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        '---\nerror: unrecognized subcommand "bogus"\nEncountered an error running "coder external-auth", see "coder external-auth --help" for more information\nerror: unrecognized subcommand "bogus"\n',
    });
  });
  it('coder external-auth bogus extra: the --- note names the first word only, the error all of them', async () => {
    expect(await runCli(['external-auth', 'bogus', 'extra'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        '---\nerror: unrecognized subcommand "bogus"\nEncountered an error running "coder external-auth", see "coder external-auth --help" for more information\nerror: unrecognized subcommand "bogus extra"\n',
    });
  });
  it('a literal --help anywhere among the arguments (even as a flag value) gives the header', async () => {
    expect(await runCli([...AT, 'github', '--extra', '--help', '-h'])).toEqual({ code: 1, stdout: '', stderr: HEADER + 'unrecognized subcommand "github"\n' });
  });
  it('coder external-auth and coder print their help on stdout, exit 0', async () => {
    const ea = await runCli(['external-auth']);
    expect(ea.code).toBe(0);
    expect(ea.stdout).toBe(
      'coder v0.0.0-devel\n\nUSAGE:\n  coder external-auth\n\n  Manage external authentication\n\n  Authenticate with external services inside of a workspace.\n\nSUBCOMMANDS:\n    access-token    Print auth for an external provider\n\n———\nRun `coder --help` for a list of global options.\n',
    );
    const root = await runCli([]);
    expect(root.code).toBe(0);
    expect(root.stdout).toMatch(
      /^coder v0\.0\.0-devel\n\nUSAGE:\n  coder \[global-flags\] <subcommand>\n\nSUBCOMMANDS:\n    external-auth    Manage external authentication\n\nGLOBAL OPTIONS: \n/,
    );
    expect(root.stdout).toContain('\n  -v, --verbose bool, $CODER_VERBOSE\n          Enable verbose output.\n');
    expect(root.stdout).not.toContain('agent-token');
  });
  it('-h inside a shorthand group is a help request; so are -h=x and --help=x (pflag)', async () => {
    const help = (await runCli([...AT, '--help'])).stdout;
    expect(help).toMatch(/^coder v0\.0\.0-devel\n\nUSAGE:\n  coder external-auth access-token \[flags\] <provider>\n/);
    for (const flag of ['-vh', '-hv', '-h=x', '--help=x', '--help=false'])
      expect(await runCli([...AT, flag]), flag).toEqual({ code: 0, stdout: help, stderr: '' });
    // Only a literal --help among the arguments gives the header.
    for (const flag of ['-vh', '--help=x'])
      expect(await runCli([...AT, 'github', flag]), flag).toEqual({ code: 1, stdout: '', stderr: 'unrecognized subcommand "github"\n' });
  });
  it('-x before h in a group is reported first, with the rest of the group', async () => {
    const argv = [...AT, '-xh'];
    expect(await runCli(argv)).toEqual({
      code: 1,
      stdout: '',
      stderr: flagErr(argv, 'coder external-auth access-token', "unknown shorthand flag: 'x' in -xh"),
    });
  });
  it('bool shorthands: -v=false takes a value, -v= and -vfalse read the rest as more shorthands; --verbose= is false', async () => {
    const env = { CODER_AGENT_URL: '' };
    expect((await runCli([...AT, 'github', '-v=false'], env)).stderr).toBe(NO_URL);
    expect((await runCli([...AT, 'github', '--verbose='], env)).stderr).toBe(NO_URL);
    for (const [flag, msg] of [
      ['-v=', "unknown shorthand flag: '=' in -="],
      ['-vfalse', "unknown shorthand flag: 'f' in -false"],
    ]) {
      const argv = [...AT, 'github', flag];
      // -v itself was parsed before the failing letter: verbose is on (see below).
      expect((await runCli(argv, env)).stderr).toBe(verboseFlagErr(argv, 'coder external-auth access-token', msg));
    }
  });
  it('a verbose flag parsed before the flag error (or CODER_VERBOSE) prints the error with %+v: the xerrors chain, frames omitted (seen in real v2.30.0)', async () => {
    const cmd = 'coder external-auth access-token';
    for (const argv of [
      [...AT, 'github', '-vx'],
      [...AT, 'github', '-v', '-x'],
      [...AT, 'github', '--verbose', '-x'],
    ]) {
      expect(await runCli(argv), argv.join(' ')).toEqual({ code: 1, stdout: '', stderr: verboseFlagErr(argv, cmd, "unknown shorthand flag: 'x' in -x") });
    }
    expect((await runCli([...AT, 'github', '--nope'], { CODER_VERBOSE: 'true' })).stderr).toBe(
      verboseFlagErr([...AT, 'github', '--nope'], cmd, 'unknown flag: --nope'),
    );
    // -x before v: the failure comes first, verbose stays off.
    expect((await runCli([...AT, 'github', '-xv'])).stderr).toBe(flagErr([...AT, 'github', '-xv'], cmd, "unknown shorthand flag: 'x' in -xv"));
    // A bad value for --verbose itself leaves it off.
    const maybe = [...AT, 'github', '--verbose=maybe'];
    expect((await runCli(maybe)).stderr).toBe(
      flagErr(maybe, cmd, 'invalid argument "maybe" for "-v, --verbose" flag: strconv.ParseBool: parsing "maybe": invalid syntax'),
    );
  });
  it('--extra= and --extra=a=b are values (everything after the first =), not flag errors', async () => {
    expect((await runCli([...AT, 'github', '--extra='])).stderr).toBe(NO_URL);
    expect((await runCli([...AT, 'github', '--extra=a=b', '--nope'])).stderr).toBe(
      flagErr([...AT, 'github', '--extra=a=b', '--nope'], 'coder external-auth access-token', 'unknown flag: --nope'),
    );
  });
  it('coder --version runs the version command (the hidden root flag; real v2.30.0 and v2.36.0 builds), below the root it is ignored', async () => {
    const version = 'Coder v0.0.0-devel\r\nhttps://github.com/coder/coder\r\n\r\nSlim build of Coder, does not support the server subcommand.\n';
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: version, stderr: '' });
    expect(await runCli(['--version=true'])).toEqual({ code: 0, stdout: version, stderr: '' });
    expect((await runCli(['--version=false'])).stdout).toBe((await runCli([])).stdout);
    expect((await runCli([...AT, 'github', '--version'], { CODER_AGENT_URL: '' })).stderr).toBe(NO_URL);
    expect((await runCli(['--version', '--nope'])).stderr).toBe(flagErr(['--version', '--nope'], 'coder', 'unknown flag: --nope'));
  });
  it('--help stops parsing where it appears: before the subcommand words it is the root help', async () => {
    expect((await runCli(['--help', ...AT])).stdout).toBe((await runCli([])).stdout);
    expect((await runCli(['external-auth', '-h'])).stdout).toBe((await runCli(['external-auth'])).stdout);
  });
});

describe('create agent client checks (§2.2, §8.8, §8.9)', () => {
  it('CODER_AGENT_URL must be set is checked before --auth; auth values are case-sensitive', async () => {
    expect((await runCli([...AT, 'github', '--auth', 'bogus'])).stderr).toBe(NO_URL);
    expect((await runCli([...AT, 'github', '--agent-url', 'http://x.test', '--auth', 'Token'])).stderr).toBe(
      HEADER + 'create agent client: unknown agent auth type: Token\n',
    );
  });
  it('verbose prints plain errors as %+v (wrap chain, stack frames omitted)', async () => {
    expect((await runCli(['-v', ...AT, 'github'])).stderr).toBe(HEADER + 'create agent client:\n  - CODER_AGENT_URL must be set\n');
    expect((await runCli([...AT, 'github'], { CODER_VERBOSE: 'true' })).stderr).toBe(HEADER + 'create agent client:\n  - CODER_AGENT_URL must be set\n');
  });
  it('an unknown CODER_REFERENCE_REVISION is our own error, exit 2', async () => {
    expect(await runCli([...AT, 'github'], { CODER_REFERENCE_REVISION: 'v2' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coder-reference: unknown CODER_REFERENCE_REVISION "v2"; expected one of pr24325, pr26883, pre-agent-name\n',
    });
  });
});

describe('--debug-options (coder cli/root.go handler wrapper; real v2.30.0, v2.35.3 and v2.36.0 builds)', () => {
  const row = (name: string, source: string, width: number) => `"${name}"`.padEnd(width) + source + '\n';
  it('prints the command own options sorted by Name with their value source, instead of running the handler', async () => {
    const r = await runCli(['--agent-token', 'x', ...AT, 'github', '--debug-options', '--extra', 'a'], {
      CODER_AGENT_URL: 'http://127.0.0.1:1',
      CODER_AGENT_NAME: 'main',
      CODER_REFERENCE_REVISION: 'pr26883',
    });
    const w = '"Agent Token File"'.length + 4;
    expect(r).toEqual({
      code: 0,
      stdout:
        'Option'.padEnd(w) +
        'Value Source\n' +
        row('Agent Auth', 'default', w) +
        row('Agent Name', 'env', w) +
        row('Agent Token', 'flag', w) +
        row('Agent Token File', '', w) +
        row('Agent URL', 'env', w) +
        row('Extra', 'flag', w) +
        row('Output', 'default', w),
      stderr: '',
    });
  });
  it('comes after RequireNArgs and before --version and the help handler', async () => {
    expect((await runCli([...AT, '--debug-options'])).stderr).toBe(HEADER + 'wanted 1 args but got 0 []\n');
    expect(await runCli(['external-auth', 'bogus', '--debug-options'])).toEqual({ code: 0, stdout: 'Option    Value Source\n', stderr: '' });
    const root = await runCli(['--version', '--debug-options']);
    expect(root.stdout).toMatch(/^Option {26}Value Source\n"Agent Auth" {20}default\n/);
    expect(root.stdout).toContain('\n"version"                       flag\n');
  });
});
