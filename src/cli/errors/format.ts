// coder's pretty error formatter (cliHumanFormatError, behavior.md §5.1): header for RunCommandError,
// the SDK-error layout with Trace=[…]/Suggestion/Detail/validations, plain `%v` (or verbose `%+v`)
// for everything else. The caller writes the result plus exactly one "\n" to stderr.
import { type GoError, MultiError, RunCommandError, SdkError, WrapError } from './model.ts';
import type { Styles } from './style.ts';

export interface FormatOptions {
  verbose: boolean;
  styles: Styles;
}

/** Go TrimSuffix(err.Error(), unwrapped.Error()): the text a wrapper adds in front. */
function traceError(err: GoError): string {
  const inner = err.unwrap();
  if (!inner) return err.error();
  const a = err.error();
  const b = inner.error();
  return a.endsWith(b) ? a.slice(0, a.length - b.length) : a;
}

/**
 * `%+v` of an error. xerrors wraps print as `prefix:\n  - inner`; Go would add stack frames
 * (function, file:line) under each, which are not reproducible, so they are omitted.
 */
export function plusV(err: GoError): string {
  if (err instanceof WrapError && err.xerrors) return `${err.prefix}:\n  - ${plusV(err.inner)}`;
  return err.error();
}

function formatSdk(from: string, err: SdkError, o: FormatOptions): string {
  const s = o.styles;
  let out = '';
  if (o.verbose && !(err.method === '' && err.url === '' && err.statusCode === 0)) {
    out += s.error(`API request error to "${err.method}:${err.url}". Status code ${err.statusCode}`) + '\n';
  }
  if (from !== '') out += s.error(`Trace=[${from}]`) + '\n';
  out += s.error(err.apiMessage);
  if (err.validations.length > 0) {
    out += '\n' + `${err.validations.length} validation error(s) found`;
    // coder's formatCoderSDKError: `\t`, the Field style around the name, the Warn style around `: <detail>`.
    for (const v of err.validations) out += '\n\t' + s.field(v.field) + s.warn(`: ${v.detail}`);
  }
  if (err.helper !== '') out += '\n' + `Suggestion: ${err.helper}`;
  if (o.verbose || (err.helper === '' && err.detail !== '')) out += '\n' + err.detail;
  return out;
}

function formatRunCommand(err: RunCommandError, o: FormatOptions): string {
  const s = o.styles;
  const name = err.cmdFullName;
  let out = s.error(`Encountered an error running "${name}", see "${name} --help" for more information`);
  out += s.error('\nerror: ');
  out += humanFormat('', err.err, o).text;
  return out;
}

function formatMulti(from: string, err: MultiError, o: FormatOptions): string {
  let out = `${err.errors.length} errors encountered: `;
  if (from !== '') out += `Trace=[${from}])`;
  err.errors.forEach((e, i) => {
    const text = humanFormat('', e, o).text.replaceAll('\n', '\n    ');
    out += '\n' + `${i + 1}. `.padEnd(4) + text;
  });
  return out;
}

/** cliHumanFormatError: `special` tells the caller that a special layout was used below. */
export function humanFormat(from: string, err: GoError, o: FormatOptions): { text: string; special: boolean } {
  if (err instanceof MultiError && err.joined) {
    if (err.errors.length === 1) return humanFormat(from, err.errors[0], o);
    return { text: formatMulti(from, err, o), special: true };
  }
  if (err instanceof SdkError) return { text: formatSdk(from, err, o), special: true };
  if (err instanceof RunCommandError) return { text: formatRunCommand(err, o), special: true };
  const inner = err.unwrap();
  if (inner) {
    const r = humanFormat(from + traceError(err), inner, o);
    if (r.special) return r;
  }
  return { text: o.styles.error(o.verbose ? plusV(err) : err.error()), special: false };
}

/** What main writes to stderr for a non-silent error (without the trailing "\n"). */
export function formatError(err: GoError, o: FormatOptions): string {
  return humanFormat('', err, o).text;
}
