// serpent's Invocation.run for the modelled tree (behavior.md §5.2): at each level parse the env, then
// re-parse the whole argv with this level's and its ancestors' flags (deeper flags replace shallower
// ones), set defaults, descend into the child named by the next positional word; at the deepest
// command report a flag error, or show help (help flag / no handler), or run RequireNArgs + handler.
import { formatSliceV, quote } from '../../go/index.ts';
import { type GoError, RunCommandError, TextError, WrapError } from '../errors/model.ts';
import { HELP_VERSION, renderHelp } from '../help/render.ts';
import type { Revision } from '../revision.ts';
import { parseEnv, type EnvVar } from './env.ts';
import { displayName, type OptionDef } from './options.ts';
import { HELP, parseFlags, type Flag } from './pflag.ts';
import { ValueStore } from './store.ts';
import { fullName, type CommandDef } from './tree.ts';
import { setValue, type StoredValue } from './values.ts';

export interface Writer {
  write(s: string | Uint8Array): unknown;
}

export interface Invocation {
  command: CommandDef;
  args: string[];
  environ: EnvVar[];
  env: Record<string, string | undefined>;
  stdout: Writer;
  stderr: Writer;
  signal?: AbortSignal;
  revision: Revision;
  /** inv.SignalNotifyContext(StopSignals…): while the handler runs, the first stop signal cancels. */
  notifySignals?: () => SignalContext;
  /** The value of the deepest visible option with this key (the command's own, else an ancestor's). */
  value(key: string): StoredValue;
}

export interface SignalContext {
  signal: AbortSignal;
  stop(): void;
}

export interface InvokeParams {
  root: CommandDef;
  argv: string[];
  environ: EnvVar[];
  env: Record<string, string | undefined>;
  stdout: Writer;
  stderr: Writer;
  signal?: AbortSignal;
  revision: Revision;
  emptyEnvIsSet: boolean;
  /** Help width, asked only when help is rendered. */
  width: () => number;
  notifySignals?: () => SignalContext;
}

export interface InvokeResult {
  err?: GoError;
  /** The store, so the caller can read root options (e.g. --verbose) for error formatting. */
  store: ValueStore;
  root: CommandDef;
}

function toFlag(o: OptionDef): Flag {
  return { def: o, name: o.flag, shorthand: o.shorthand, noOptDefVal: o.value.kind === 'bool' ? 'true' : '' };
}

/**
 * `--debug-options` (coder cli/root.go): a tabwriter table (padding 4, spaces) of the command's own options,
 * sorted by Name (serpent gives a nameless option its flag as Name), each Name %q-quoted with its
 * ValueSource: `flag` (set by a flag), else `env` (the environment variable was taken), else `default` (a
 * non-empty Default was applied), else empty.
 */
function debugOptionsTable(command: CommandDef, store: ValueStore): string {
  const rows: [string, string][] = command.options
    .map((o): [string, string] => {
      const st = store.state(o);
      const source = st.flagChanged ? 'flag' : st.envChanged ? 'env' : o.default !== undefined && o.default !== '' ? 'default' : '';
      return [displayName(o), source];
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([name, source]) => [quote(name), source]);
  const width = Math.max('Option'.length, ...rows.map(([name]) => [...name].length)) + 4;
  const line = (a: string, b: string) => a + ' '.repeat(width - [...a].length) + b + '\n';
  return line('Option', 'Value Source') + rows.map(([name, source]) => line(name, source)).join('');
}

/** coder's helpFn: help on stdout, or `unrecognized subcommand` when positional words are left. */
function helpFn(inv: Invocation, width: () => number): GoError | undefined {
  if (inv.args.length > 0) {
    // The stderr note names only the first word; the returned error names them all.
    if (!/<.*>/.test(inv.command.use)) {
      inv.stderr.write(`---\nerror: unrecognized subcommand ${quote(inv.args[0])}\n`);
    }
    return new TextError(`unrecognized subcommand ${quote(inv.args.join(' '))}`);
  }
  inv.stdout.write(renderHelp(inv.command, width()));
  return undefined;
}

export async function invoke(p: InvokeParams): Promise<InvokeResult> {
  const store = new ValueStore();
  let cmd = p.root;
  let depth = 0;
  // The flags in force: every option of the commands entered so far, a child's replacing its parent's
  // of the same flag name (the hidden root agent options by access-token's visible ones).
  const flags = new Map<string, Flag>();
  let parsedArgs: string[];
  let flagErr: string | typeof HELP | undefined;

  for (;;) {
    const envErr = parseEnv(cmd.options, p.environ, store, p.emptyEnvIsSet);
    if (envErr) return { err: new WrapError('parsing env', envErr), store, root: p.root };
    for (const o of cmd.options) flags.set(o.flag, toFlag(o));
    const res = parseFlags([...flags.values()], p.argv, (f, v) => {
      const st = store.state(f.def);
      const r = setValue(f.def.value, st.value, v);
      if (!r.ok) return r.error;
      st.value = r.value;
      st.flagChanged = true;
      return undefined;
    });
    flagErr = res.err;
    parsedArgs = res.args;
    for (const o of cmd.options) {
      const st = store.state(o);
      if (st.flagChanged || st.envChanged || o.default === undefined || o.default === '') continue;
      const r = setValue(o.value, st.value, o.default);
      if (r.ok) st.value = r.value;
    }
    const child = cmd.children.find((c) => c.name === parsedArgs[depth]);
    if (!child) break;
    cmd = child;
    depth++;
  }

  const command = cmd;
  const inv: Invocation = {
    command,
    args: parsedArgs.slice(depth),
    environ: p.environ,
    env: p.env,
    stdout: p.stdout,
    stderr: p.stderr,
    signal: p.signal,
    revision: p.revision,
    notifySignals: p.notifySignals,
    // Handlers read only their own command's options (the root's --version is read at the root).
    value: (key) => {
      const o = command.options.find((y) => y.key === key);
      return o ? store.state(o).value : undefined;
    },
  };

  if (flagErr !== undefined && flagErr !== HELP) {
    // serpent: xerrors.Errorf("parsing flags (%s) for %q: %w", ...): a wrap, so that with verbose on (a -v
    // parsed before the failure, or CODER_VERBOSE) it prints as the chain `outer:\n  - inner`.
    const wrap = new WrapError(`parsing flags (${formatSliceV(p.argv)}) for ${quote(fullName(command))}`, new TextError(flagErr));
    return { err: wrap, store, root: p.root };
  }
  if (flagErr === HELP) {
    const e = helpFn(inv, p.width);
    const wrapped = e && p.argv.includes('--help') ? new RunCommandError(fullName(command), e) : e;
    return { err: wrapped, store, root: p.root };
  }
  if (command.requireNArgs !== undefined && inv.args.length !== command.requireNArgs) {
    const e = new TextError(`wanted ${command.requireNArgs} args but got ${inv.args.length} ${formatSliceV(inv.args)}`);
    return { err: new RunCommandError(fullName(command), e), store, root: p.root };
  }
  // coder's root wraps every command's handler (the root's version/help handler and external-auth's help
  // handler included): with --debug-options it prints the command's own options and their value sources
  // instead, after the middleware (RequireNArgs) and before anything the handler does.
  const debugOpt = p.root.options.find((o) => o.key === 'debugOptions');
  if (debugOpt && store.state(debugOpt).value === true) {
    inv.stdout.write(debugOptionsTable(command, store));
    return { err: undefined, store, root: p.root };
  }
  if (!command.parent && inv.value('versionFlag') === true) {
    // Upstream's root handler: the hidden --version runs the version command (cli/version.go), text
    // format, Fprintln; CRLFs as upstream writes them. A development build's values (UNCONFIRMED.versionBuild).
    inv.stdout.write(`Coder ${HELP_VERSION}\r\nhttps://github.com/coder/coder\r\n\r\nSlim build of Coder, does not support the server subcommand.\n`);
    return { err: undefined, store, root: p.root };
  }
  if (!command.handler) {
    const e = helpFn(inv, p.width);
    return { err: e && new RunCommandError(fullName(command), e), store, root: p.root };
  }
  const err = await command.handler(inv);
  return { err: err && new RunCommandError(fullName(command), err), store, root: p.root };
}
