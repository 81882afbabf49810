// Tests for jsonMarshal / jsonMarshalIndent / jsonEncode (Go encoding/json encoding).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonEncode, jsonMarshal, jsonMarshalIndent, MarshalerError, parseGoTimeJSON } from '../index.ts';
import { goNormalize, jsonValue } from './arbitraries.ts';

describe('jsonMarshal', () => {
  it('sorts map keys by UTF-8 byte order, not UTF-16 order', () => {
    expect(jsonMarshal({ b: 1, a: 2, B: 3, '': 4 })).toBe('{"":4,"B":3,"a":2,"b":1}');
    // U+FF5E sorts before U+10000 in UTF-8, after it in UTF-16
    expect(jsonMarshal({ '\u{10000}': 1, '\uff5e': 2 })).toBe('{"\uff5e":2,"\u{10000}":1}');
  });
  it('keeps Map (struct) field order', () => {
    expect(
      jsonMarshal(
        new Map<string, unknown>([
          ['z', 1],
          ['a', null],
        ]),
      ),
    ).toBe('{"z":1,"a":null}');
  });
  it('escapes strings like Go', () => {
    expect(jsonMarshal('<a&b>')).toBe('"\\u003ca\\u0026b\\u003e"');
    expect(jsonMarshal('<a&b>', { escapeHTML: false })).toBe('"<a&b>"');
    expect(jsonMarshal('\u2028\u2029', { escapeHTML: false })).toBe('"\\u2028\\u2029"');
    expect(jsonMarshal('"\\\b\f\n\r\t\x00\x1f\x7f')).toBe('"\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\x7f"');
    expect(jsonMarshal('a\ud800b\udc00')).toBe('"a\\ufffdb\\ufffd"');
    expect(jsonMarshal('é😀')).toBe('"é😀"');
  });
  it('formats numbers as float64', () => {
    expect(jsonMarshal([42, 1.5, 1e21, 1e-7, -0, 12345678901234567890])).toBe('[42,1.5,1e+21,1e-7,-0,12345678901234567000]');
  });
  it('marshals nested values compactly', () => {
    expect(jsonMarshal({ a: [true, false, null, {}], b: [] })).toBe('{"a":[true,false,null,{}],"b":[]}');
  });
  it('uses a GoJSONMarshaler', () => {
    expect(jsonMarshal({ t: { goType: 'x.T', marshalGoJSON: () => '{ "x" : "<" }' } })).toBe('{"t":{"x":"\\u003c"}}');
  });
  it("wraps a GoJSONMarshaler's error as Go's json.MarshalerError", () => {
    const bad = parseGoTimeJSON('"2026-06-30T12:00:00+24:00"');
    if (!bad.ok) throw new Error('+24:00 parses in Go');
    const err = (() => {
      try {
        jsonMarshalIndent({ t: bad.value }, '', '  ');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MarshalerError);
    expect((err as Error).message).toBe('json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: timezone hour outside of range [0,23]');
  });
  it('rejects values Go cannot encode', () => {
    expect(() => jsonMarshal(NaN)).toThrow('json: unsupported value: NaN');
    expect(() => jsonMarshal({ a: undefined })).toThrow('json: unsupported type: undefined');
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => jsonMarshal(cyc)).toThrow('cycle');
  });

  it('round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        expect(JSON.parse(jsonMarshal(v))).toEqual(goNormalize(v));
      }),
    );
  });
  it('never emits <>& when escaping HTML', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        expect(jsonMarshal(v)).not.toMatch(/[<>&]/);
      }),
    );
  });
  it('writes object keys in UTF-8 byte order', () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary', maxLength: 5 }), scalar), (obj) => {
        const out = jsonMarshal(obj, { escapeHTML: false });
        const keys: string[] = [];
        for (const m of out.matchAll(/[{,]("(?:[^"\\]|\\.)*"):/g)) keys.push(JSON.parse(m[1]));
        expect(keys.length).toBe(Object.keys(obj).length);
        const bytes = keys.map((k) => Buffer.from(k, 'utf8'));
        for (let i = 1; i < bytes.length; i++) expect(Buffer.compare(bytes[i - 1], bytes[i])).toBe(-1);
      }),
    );
  });
});

describe('jsonMarshalIndent / jsonEncode', () => {
  it('indents like Go MarshalIndent', () => {
    const v = new Map<string, unknown>([
      ['access_token', 'x'],
      ['token_extra', { b: [1, 2], a: {} }],
      ['url', 'a&b'],
      ['e', []],
    ]);
    expect(jsonMarshalIndent(v, '', '  ')).toBe(
      '{\n  "access_token": "x",\n  "token_extra": {\n    "a": {},\n    "b": [\n      1,\n      2\n    ]\n  },\n  "url": "a\\u0026b",\n  "e": []\n}',
    );
    expect(jsonMarshalIndent([1], '>', '\t')).toBe('[\n>\t1\n>]');
    expect(jsonMarshalIndent('s', '>', '\t')).toBe('"s"');
    expect(jsonMarshalIndent({ 'a:b': '{,}' }, '', ' ')).toBe('{\n "a:b": "{,}"\n}');
  });
  it('Encode appends a newline and honours escapeHTML', () => {
    expect(jsonEncode({ agent_name: '<x>' }, { escapeHTML: false })).toBe('{"agent_name":"<x>"}\n');
    expect(jsonEncode({ message: '<x>' })).toBe('{"message":"\\u003cx\\u003e"}\n');
  });
});
