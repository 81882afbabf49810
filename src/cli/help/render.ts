// The serpent/coder help layout (behavior.md §6): header, USAGE with [flags], Short, Long (indented 2,
// wrapped to width−2), subcommands, options sorted by Name (indented 10, wrapped to width−10), footer
// with three U+2014, all passed through the newline limiter. Only access-token's output is
// upstream-verified (goldens); external-auth's is checked on real builds by the case
// help/external-auth; root's GLOBAL OPTIONS section by help/root-global-* (the rest of root's help is
// not upstream text: revision.ts UNCONFIRMED).
import { fullName, type CommandDef } from '../serpent/tree.ts';
import { displayName, type OptionDef } from '../serpent/options.ts';
import { typeName } from '../serpent/values.ts';
import { indentWrapped, wrapString, wrapToWidth } from './wrap.ts';
import { limitNewlines } from './limiter.ts';

export const HELP_VERSION = 'v0.0.0-devel';
const GLOBAL_DESCRIPTION = 'Global options are applied to all commands. They can be set using environment variables or flags.';

/** "coder external-auth access-token [flags] <provider>": [flags] goes after the name when the command has visible options. */
function usageLine(cmd: CommandDef): string {
  const parent = cmd.parent ? fullName(cmd.parent) + ' ' : '';
  const rest = cmd.use.slice(cmd.name.length);
  const flags = cmd.parent && cmd.options.some((o) => !o.hidden) ? ' [flags]' : '';
  return parent + cmd.name + flags + rest;
}

function optionBlock(o: OptionDef, width: number): string {
  let line = o.shorthand ? `\n  -${o.shorthand}, ` : '\n      ';
  line += `--${o.flag}`;
  line += ` ${typeName(o.value)}`;
  if (o.env) line += `, $${o.env}`;
  if (o.default) line += ` (default: ${o.default})`;
  if (o.description) line += '\n' + indentWrapped(o.description, 10, width);
  return line;
}

/** Go sort.Slice by Name; ties keep declaration order (stable), which Go does not promise. */
function sortedVisible(opts: OptionDef[]): OptionDef[] {
  return opts
    .filter((o) => !o.hidden)
    .map((o, i) => ({ o, i }))
    .sort((a, b) => (displayName(a.o) < displayName(b.o) ? -1 : displayName(a.o) > displayName(b.o) ? 1 : a.i - b.i))
    .map((x) => x.o);
}

export function renderHelp(cmd: CommandDef, width = 80, version = HELP_VERSION): string {
  let t = `coder ${version}\n\nUSAGE:\n` + indentWrapped(usageLine(cmd), 2, width) + '\n\n';
  if (cmd.short) t += wrapString(indentWrapped(cmd.short, 2, width), width) + '\n\n';
  if (cmd.long) t += '\n' + indentWrapped(cmd.long, 2, width) + '\n';
  if (cmd.children.length > 0) {
    const w = Math.max(...cmd.children.map((c) => c.name.length));
    t += '\nSUBCOMMANDS:';
    // coder's formatSubcommand: the name, then (longest sibling name − own length + 4) spaces, then
    // Short wrapped to the width left (Go's uint: none left is no wrapping), continuation lines
    // indented to where it starts (help/terminal-external-auth-*); the template trims the last \n.
    for (const c of cmd.children) {
      const head = `    ${c.name.padEnd(w + 4)}`;
      const lines = wrapToWidth(c.short, width, head.length).split('\n');
      t += '\n' + head + lines.join('\n' + ' '.repeat(head.length));
    }
    t += '\n\n';
  }
  const opts = sortedVisible(cmd.options);
  if (opts.length > 0) {
    if (cmd.parent) t += '\nOPTIONS:';
    // A named option group's header ends with a space (serpent's template; real builds print it).
    else t += '\nGLOBAL OPTIONS: \n' + wrapString(GLOBAL_DESCRIPTION + '\n', width);
    for (const o of opts) t += optionBlock(o, width);
  }
  t += '\n———\n';
  t += cmd.parent ? 'Run `coder --help` for a list of global options.\n' : 'Report bugs and request features at https://github.com/coder/coder/issues/new\n';
  return limitNewlines(t, 2);
}
