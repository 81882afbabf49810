// The pretty error formatter (§5.1): header, Trace prefixes through several wrappers, SDK layout
// (validations, Suggestion vs Detail, verbose API line), errors.Join lists, %+v, and colours only when
// stdout is a TTY and NO_COLOR is unset.
import { describe, expect, it } from 'vitest';
import { formatError } from './format.ts';
import { ErrCanceled, MultiError, RunCommandError, SdkError, TextError, WrapError, errorsIs } from './model.ts';
import { makeStyles } from './style.ts';

const plain = { verbose: false, styles: makeStyles(false, {}) };
const sdk = (over: Partial<ConstructorParameters<typeof SdkError>[0]> = {}) =>
  new SdkError({ statusCode: 400, method: 'GET', url: 'http://c.test/x', message: 'Top level sdk error message.', ...over });

describe('formatError', () => {
  it('the upstream example-error api golden shape (no wrapper, so no Trace)', () => {
    const e = new RunCommandError(
      'coder exp example-error api',
      sdk({ validations: [{ field: 'region', detail: 'magic dust is not available in your region' }], helper: 'Have you tried turning it off and on again?' }),
    );
    expect(formatError(e, plain) + '\n').toBe(
      'Encountered an error running "coder exp example-error api", see "coder exp example-error api --help" for more information\nerror: Top level sdk error message.\n1 validation error(s) found\n\t region : magic dust is not available in your region\nSuggestion: Have you tried turning it off and on again?\n',
    );
  });

  it('Trace accumulates every wrapper prefix', () => {
    const e = new WrapError('outer', new WrapError('inner', sdk()));
    expect(formatError(e, plain)).toBe('Trace=[outer: inner: ]\nTop level sdk error message.');
  });

  it('Detail shows without a Helper, or always when verbose (with the API line)', () => {
    expect(formatError(sdk({ detail: 'why' }), plain)).toBe('Top level sdk error message.\nwhy');
    expect(formatError(sdk({ detail: 'why', helper: 'h' }), plain)).toBe('Top level sdk error message.\nSuggestion: h');
    expect(formatError(sdk({ detail: 'why', helper: 'h' }), { ...plain, verbose: true })).toBe(
      'API request error to "GET:http://c.test/x". Status code 400\nTop level sdk error message.\nSuggestion: h\nwhy',
    );
    expect(formatError(sdk({ method: '', url: '', statusCode: 0 }), { ...plain, verbose: true })).toBe('Top level sdk error message.\n');
  });

  it('plain errors print the outermost text; verbose prints the xerrors chain', () => {
    const e = new WrapError('create agent client', new TextError('CODER_AGENT_URL must be set'));
    expect(formatError(e, plain)).toBe('create agent client: CODER_AGENT_URL must be set');
    expect(formatError(e, { ...plain, verbose: true })).toBe('create agent client:\n  - CODER_AGENT_URL must be set');
  });

  it('errors.Join: one element formats that element; several make a numbered list', () => {
    expect(formatError(new MultiError([new TextError('a')], true), plain)).toBe('a');
    expect(formatError(new WrapError('w', new MultiError([new TextError('a\nb'), sdk()], true)), plain)).toBe(
      '2 errors encountered: Trace=[w: ])\n1.  a\n    b\n2.  Top level sdk error message.',
    );
  });

  it('ErrCanceled is found through wrappers', () => {
    expect(errorsIs(new RunCommandError('coder', new WrapError('x', ErrCanceled)), ErrCanceled)).toBe(true);
    expect(errorsIs(new TextError('canceled'), ErrCanceled)).toBe(false);
  });
});

describe('colour', () => {
  const e = new RunCommandError('coder x', sdk({ validations: [{ field: 'f', detail: 'd' }] }));
  it('no escape codes unless stdout is a TTY', () => {
    expect(formatError(e, plain)).not.toContain('\x1b[');
  });
  it('red headline/message, padded field, yellow `: detail` on a colour TTY (as real builds, help/terminal-colour-validations*)', () => {
    const out = formatError(e, { verbose: false, styles: makeStyles(true, { TERM: 'xterm' }) });
    expect(out).toBe(
      '\x1b[31mEncountered an error running "coder x", see "coder x --help" for more information\x1b[0m\x1b[31m\nerror: \x1b[0m\x1b[31mTop level sdk error message.\x1b[0m\n1 validation error(s) found\n\t\x1b[40m\x1b[97m f \x1b[0m\x1b[0m\x1b[33m: d\x1b[0m',
    );
    const field = (env: Record<string, string>) => makeStyles(true, env).field('f');
    expect(field({ TERM: 'xterm-256color' })).toBe('\x1b[48;5;232m\x1b[38;5;231m f \x1b[0m\x1b[0m');
    expect(field({ COLORTERM: 'truecolor' })).toBe('\x1b[48;2;43;42;42m\x1b[38;2;255;255;255m f \x1b[0m\x1b[0m');
  });
  it('termenv EnvColorProfile: TERM/COLORTERM decide, NO_COLOR and CLICOLOR=0 turn colour off, CLICOLOR_FORCE on', () => {
    const coloured = (tty: boolean, env: Record<string, string>) => formatError(e, { verbose: false, styles: makeStyles(tty, env) }) !== formatError(e, plain);
    expect(coloured(true, {})).toBe(false);
    expect(coloured(true, { TERM: 'dumb' })).toBe(false);
    expect(coloured(false, { TERM: 'xterm' })).toBe(false);
    expect(coloured(true, { TERM: 'xterm', NO_COLOR: '1' })).toBe(false);
    expect(coloured(true, { TERM: 'xterm', NO_COLOR: '' })).toBe(true);
    expect(coloured(true, { TERM: 'xterm', CLICOLOR: '0' })).toBe(false);
    expect(coloured(true, { TERM: 'xterm', CI: 'true' })).toBe(false);
    expect(coloured(false, { CLICOLOR_FORCE: '1' })).toBe(true);
    expect(coloured(true, { TERM: 'xterm', NO_COLOR: '1', CLICOLOR_FORCE: '1' })).toBe(false);
  });
});
