// spf13/pflag parsing as serpent uses it (ContinueOnError, interspersed): long flags `--f v`/`--f=v`,
// shorthand groups, bool NoOptDefVal, `--` terminator, lone `-` positional, value flags consuming the
// next argument even if it starts with `-`, undefined --help/-h as a help request, exact error texts.
import { quote } from '../../go/index.ts';
import type { OptionDef } from './options.ts';

export interface Flag {
  def: OptionDef;
  name: string;
  shorthand?: string;
  /** "true" for bool flags (`--verbose` alone), else "" (a value is required). */
  noOptDefVal: string;
}

export const HELP = Symbol('pflag.ErrHelp');

export interface ParseResult {
  /** Positional arguments collected before parsing stopped (pflag FlagSet.Args()). */
  args: string[];
  /** The parse error text, HELP for a help request, or undefined. */
  err?: string | typeof HELP;
}

/** Sets a flag's value; returns the value type's error text on rejection. */
export type SetFn = (f: Flag, value: string) => string | undefined;

/** Go %q of a byte, as pflag prints the shorthand character (`'x'`). */
function quoteByte(c: number): string {
  const s = quote(String.fromCharCode(c));
  const inner = s.slice(1, -1).replace(/\\"/g, '"');
  return `'${inner === "'" ? "\\'" : inner}'`;
}

export function parseFlags(flags: Flag[], argv: string[], set: SetFn): ParseResult {
  const byName = new Map(flags.map((f) => [f.name, f]));
  const byShort = new Map(flags.filter((f) => f.shorthand).map((f) => [f.shorthand!, f]));
  const positional: string[] = [];

  const apply = (f: Flag, value: string): string | undefined => {
    const e = set(f, value);
    if (e === undefined) return undefined;
    const name = f.shorthand ? `-${f.shorthand}, --${f.name}` : `--${f.name}`;
    return `invalid argument ${quote(value)} for ${quote(name)} flag: ${e}`;
  };

  let rest = argv.slice();
  while (rest.length > 0) {
    const s = rest[0];
    rest = rest.slice(1);
    if (s.length === 0 || s[0] !== '-' || s.length === 1) {
      positional.push(s);
      continue;
    }
    if (s[1] === '-') {
      if (s.length === 2) {
        positional.push(...rest);
        break;
      }
      let name = s.slice(2);
      if (name.length === 0 || name[0] === '-' || name[0] === '=') return { args: positional, err: `bad flag syntax: ${s}` };
      const eq = name.indexOf('=');
      const inline = eq >= 0 ? name.slice(eq + 1) : undefined;
      if (eq >= 0) name = name.slice(0, eq);
      const f = byName.get(name);
      if (!f) {
        if (name === 'help') return { args: positional, err: HELP };
        return { args: positional, err: `unknown flag: --${name}` };
      }
      let value: string;
      if (inline !== undefined) value = inline;
      else if (f.noOptDefVal !== '') value = f.noOptDefVal;
      else if (rest.length > 0) {
        value = rest[0];
        rest = rest.slice(1);
      } else return { args: positional, err: `flag needs an argument: ${s}` };
      const e = apply(f, value);
      if (e) return { args: positional, err: e };
      continue;
    }
    // Shorthand group. pflag hands every letter the arguments as they were before the group.
    const afterGroup = rest;
    let shorthands = s.slice(1);
    while (shorthands.length > 0) {
      const c = shorthands.charCodeAt(0);
      const ch = shorthands[0];
      const f = byShort.get(ch);
      if (!f) {
        if (ch === 'h') return { args: positional, err: HELP };
        return { args: positional, err: `unknown shorthand flag: ${quoteByte(c)} in -${shorthands}` };
      }
      let value: string;
      let next = shorthands.slice(1);
      if (shorthands.length > 2 && shorthands[1] === '=') {
        value = shorthands.slice(2);
        next = '';
      } else if (f.noOptDefVal !== '') value = f.noOptDefVal;
      else if (shorthands.length > 1) {
        value = shorthands.slice(1);
        next = '';
      } else if (afterGroup.length > 0) {
        value = afterGroup[0];
        rest = afterGroup.slice(1);
      } else return { args: positional, err: `flag needs an argument: ${quoteByte(c)} in -${shorthands}` };
      const e = apply(f, value);
      if (e) return { args: positional, err: e };
      shorthands = next;
    }
  }
  return { args: positional, err: undefined };
}
