// serpent value types found wrong by the Go oracle (issue #10): StringArray reads one encoding/csv record.
import { describe, expect, it } from 'vitest';
import { ROOT_OPTIONS } from './options.ts';
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
    for (const flag of ['no-open', 'use-keyring', 'debug-http', 'version']) expect(ROOT_OPTIONS.map((o) => o.flag)).toContain(flag);
    expect(setValue({ kind: 'bool' }, undefined, 'maybe')).toEqual({ ok: false, error: 'strconv.ParseBool: parsing "maybe": invalid syntax' });
  });
});
