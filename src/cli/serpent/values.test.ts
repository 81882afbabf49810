// serpent value types found wrong by the Go oracle (issue #10): StringArray reads one encoding/csv record.
import { describe, expect, it } from 'vitest';
import { traitsOf } from '../revision.ts';
import { defaultConfigDir, rootOptions } from './options.ts';
import { setValue } from './values.ts';

describe('StringArray (--header, CODER_HEADER)', () => {
  const arr = { kind: 'string-array' } as const;
  it('appends the fields of one CSV record; quotes group commas', () => {
    expect(setValue(arr, ['x=1'], 'a=b,"c=d,e"')).toEqual({ ok: true, value: ['x=1', 'a=b', 'c=d,e'] });
    expect(setValue(arr, ['x=1'], 'a\nb')).toEqual({ ok: true, value: ['x=1', 'a'] });
  });
  it("rejects what encoding/csv rejects, with Go's ParseError text", () => {
    expect(setValue(arr, [], 'a"b')).toEqual({ ok: false, error: 'parse error on line 1, column 2: bare " in non-quoted-field' });
    expect(setValue(arr, [], '"a"b')).toEqual({ ok: false, error: 'parse error on line 1, column 3: extraneous or missing " in quoted-field' });
    expect(setValue(arr, [], '\n')).toEqual({ ok: false, error: 'EOF' });
  });
  it('an empty value resets the list (Go sets it to nil)', () => {
    expect(setValue(arr, ['x=1'], '')).toEqual({ ok: true, value: [] });
  });
});

describe('root options', () => {
  it('declare no-open and use-keyring (bools) so a bad env value fails parsing as upstream', () => {
    const flags = rootOptions(traitsOf('pr24325'), {}).map((o) => o.flag);
    for (const flag of ['no-open', 'use-keyring', 'debug-http', 'version']) expect(flags).toContain(flag);
    expect(setValue({ kind: 'bool' }, undefined, 'maybe')).toEqual({ ok: false, error: 'strconv.ParseBool: parsing "maybe": invalid syntax' });
  });
});

describe('--global-config default (kirsle/configdir LocalConfig on Linux)', () => {
  it('is XDG_CONFIG_HOME/coderv2 when set, else HOME/.config/coderv2, cleaned like filepath.Join', () => {
    expect(defaultConfigDir({ HOME: '/h', XDG_CONFIG_HOME: '/x/' })).toBe('/x/coderv2');
    expect(defaultConfigDir({ HOME: '/h/', XDG_CONFIG_HOME: '' })).toBe('/h/.config/coderv2');
    expect(defaultConfigDir({})).toBe('.config/coderv2');
  });
  it('client TLS flags exist from pr24325 on (coder #24435; v2.35.3 has them, v2.30.0 not)', () => {
    const tls = (r: 'pre-agent-name' | 'pr24325' | 'pr26883') => rootOptions(traitsOf(r), {}).filter((o) => o.flag.startsWith('client-tls-')).length;
    expect([tls('pre-agent-name'), tls('pr24325'), tls('pr26883')]).toEqual([0, 3, 3]);
  });
});

describe('Enum (--output)', () => {
  const output = { kind: 'enum', choices: ['text', 'json'] } as const;
  it('matches under Unicode simple case folding like strings.EqualFold, keeping the text as given', () => {
    for (const s of ['json', 'JSON', 'jSoN', 'j\u017fon', 'J\u017fON'])
      expect(setValue({ ...output, choices: [...output.choices] }, undefined, s)).toEqual({ ok: true, value: s });
    expect(setValue({ ...output, choices: [...output.choices] }, undefined, '\u212aext').ok).toBe(false);
    expect(setValue({ ...output, choices: [...output.choices] }, undefined, 'js\u00f6n').ok).toBe(false);
  });
});
