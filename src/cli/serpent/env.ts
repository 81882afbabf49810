// serpent environment handling: ParseEnviron (names upper-cased, later duplicates win) and
// OptionSet.ParseEnv (HOMEBREW_<NAME> fallback when <NAME> is absent, the per-revision empty-value
// rule, go-multierror of the values the option types reject).
import { quote } from '../../go/index.ts';
import { type GoError, MultiError, TextError } from '../errors/model.ts';
import { displayName, type OptionDef } from './options.ts';
import { setValue } from './values.ts';
import type { ValueStore } from './store.ts';

export type EnvVar = readonly [name: string, value: string];

/** Go strings.ToUpper per code point (JS expansions such as ß → SS are not applied). */
export function goToUpper(s: string): string {
  let out = '';
  for (const ch of s) {
    const up = ch.toUpperCase();
    out += [...up].length === 1 ? up : ch;
  }
  return out;
}

/** serpent.ParseEnviron(os.Environ(), ""): every entry, name upper-cased, original order. */
export function parseEnviron(env: Record<string, string | undefined>): EnvVar[] {
  const out: EnvVar[] = [];
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out.push([goToUpper(k), v]);
  return out;
}

/** OptionSet.ParseEnv for one command's own options. Returns the multierror (unwrapped) or undefined. */
export function parseEnv(opts: OptionDef[], environ: EnvVar[], store: ValueStore, emptyIsSet: boolean): GoError | undefined {
  const envs = new Map<string, string>();
  for (const [k, v] of environ) envs.set(k, v);
  const errs: { name: string; err: GoError }[] = [];
  for (const o of opts) {
    if (!o.env) continue;
    let val = envs.get(o.env);
    if (val === undefined) val = envs.get('HOMEBREW_' + o.env);
    if (val === undefined || (val === '' && !emptyIsSet)) continue;
    const st = store.state(o);
    st.envChanged = true;
    const r = setValue(o.value, st.value, val);
    if (r.ok) st.value = r.value;
    else errs.push({ name: displayName(o), err: new TextError(`parse ${quote(displayName(o))}: ${r.error}`) });
  }
  if (errs.length === 0) return undefined;
  errs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return new MultiError(errs.map((e) => e.err));
}
