// Tests for jsonDecode / jsonUnmarshal / goJsonKind (Go encoding/json decoding and its error texts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { goJsonKind, jsonDecode, jsonMarshal, jsonUnmarshal, quoteChar } from '../index.ts';
import { goNormalize, jsonValue } from './arbitraries.ts';

const err = (text: string | Uint8Array): string => {
  const r = jsonDecode(text);
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
};
const uerr = (text: string): string => {
  const r = jsonUnmarshal(text);
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
};

describe('jsonDecode (Decoder.Decode of the first value)', () => {
  it('decodes the first value and leaves the rest', () => {
    expect(jsonDecode(' {"access_token":"x","b":[1,2.5,true,null]} trailing')).toEqual({
      ok: true,
      value: { access_token: 'x', b: [1, 2.5, true, null] },
      rest: ' trailing',
    });
    expect(jsonDecode('123abc')).toEqual({ ok: true, value: 123, rest: 'abc' });
    expect(jsonDecode('01')).toEqual({ ok: true, value: 0, rest: '1' });
    expect(jsonDecode('truex')).toEqual({ ok: true, value: true, rest: 'x' });
    expect(jsonDecode('"a"{')).toEqual({ ok: true, value: 'a', rest: '{' });
    expect(jsonDecode('null')).toEqual({ ok: true, value: null, rest: '' });
    expect(jsonDecode('{}\n{}')).toEqual({ ok: true, value: {}, rest: '\n{}' });
    expect(jsonDecode('-1.5e3')).toEqual({ ok: true, value: -1500, rest: '' });
  });
  it('keeps the last duplicate key and handles __proto__ as data', () => {
    const r = jsonDecode('{"a":1,"a":2,"__proto__":{"x":1}}');
    expect(r.ok && r.value).toEqual(JSON.parse('{"a":2,"__proto__":{"x":1}}'));
    expect(r.ok && Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });
  it('unescapes strings like Go', () => {
    const v = (t: string): unknown => {
      const r = jsonDecode(t);
      return r.ok ? r.value : r.error;
    };
    expect(v('"\\u003ca\\u0026\\/\\"\\\\\\b\\f\\n\\r\\t"')).toBe('<a&/"\\\b\f\n\r\t');
    expect(v('"\\ud83d\\ude00"')).toBe('😀');
    expect(v('"\\ud83dx"')).toBe('\ufffdx');
    expect(v('"\\ude00\\ud83d"')).toBe('\ufffd\ufffd');
    expect(v('"\\ud83d\\u0041"')).toBe('\ufffdA');
    expect(
      jsonDecode(new Uint8Array([0x22, 0xff, 0x61, 0xc3, 0x22])).ok && (jsonDecode(new Uint8Array([0x22, 0xff, 0x61, 0xc3, 0x22])) as { value: unknown }).value,
    ).toBe('\ufffda\ufffd');
  });
  it('reports EOF and unexpected EOF', () => {
    expect(err('')).toBe('EOF');
    expect(err(' \n\t\r ')).toBe('EOF');
    expect(err('{"access_token":')).toBe('unexpected EOF');
    expect(err('"abc')).toBe('unexpected EOF');
    expect(err('tru')).toBe('unexpected EOF');
    expect(err('-')).toBe('unexpected EOF');
    expect(err('[1,')).toBe('unexpected EOF');
  });
  it('reports syntax errors with Go texts', () => {
    expect(err('<html>')).toBe("invalid character '<' looking for beginning of value");
    expect(err('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(err('{"a":1 "b"}')).toBe(`invalid character '"' after object key:value pair`);
    expect(err('[1 2]')).toBe("invalid character '2' after array element");
    expect(err('{1:2}')).toBe("invalid character '1' looking for beginning of object key string");
    expect(err('{"a":1,}')).toBe("invalid character '}' looking for beginning of object key string");
    expect(err('[1,]')).toBe("invalid character ']' looking for beginning of value");
    expect(err('"a\nb"')).toBe("invalid character '\\n' in string literal");
    expect(err('"a\x00"')).toBe("invalid character '\\x00' in string literal");
    expect(err('"\\x"')).toBe("invalid character 'x' in string escape code");
    expect(err('"\\u12g4"')).toBe("invalid character 'g' in \\u hexadecimal character escape");
    expect(err('-a')).toBe("invalid character 'a' in numeric literal");
    expect(err('1.e')).toBe("invalid character 'e' after decimal point in numeric literal");
    expect(err('1e+x')).toBe("invalid character 'x' in exponent of numeric literal");
    expect(err('tx')).toBe("invalid character 'x' in literal true (expecting 'r')");
    expect(err('trUe')).toBe("invalid character 'U' in literal true (expecting 'u')");
    expect(err('fals0')).toBe("invalid character '0' in literal false (expecting 'e')");
    expect(err('nul')).toBe('unexpected EOF');
    expect(err('nil')).toBe("invalid character 'i' in literal null (expecting 'u')");
    expect(err("'a'")).toBe("invalid character '\\'' looking for beginning of value");
    expect(err('[\x7f]')).toBe("invalid character '\\x7f' looking for beginning of value");
    expect(err('é')).toBe("invalid character 'Ã' looking for beginning of value");
    expect(err('\u00a0')).toBe("invalid character 'Â' looking for beginning of value");
    expect(err('\u0080')).toBe("invalid character 'Â' looking for beginning of value");
    expect(err(new Uint8Array([0x80]))).toBe("invalid character '\\u0080' looking for beginning of value");
    expect(err('{"a":1}'.replace('1', '1x'))).toBe("invalid character 'x' after object key:value pair");
    expect(err('\ufeff{}')).toBe("invalid character 'ï' looking for beginning of value"); // a BOM is not skipped
    expect(err('}')).toBe("invalid character '}' looking for beginning of value");
    expect(err('{"a":"\\ud800\\"}')).toBe('unexpected EOF');
  });
  it('reports float64 overflow as an UnmarshalTypeError', () => {
    expect(err('{"a":1e400}')).toBe('json: cannot unmarshal number 1e400 into Go value of type float64');
    expect(jsonDecode('1e-400')).toEqual({ ok: true, value: 0, rest: '' });
  });
  it('enforces the max nesting depth of 10000', () => {
    expect(err('['.repeat(10001))).toBe("invalid character '[' exceeded max depth");
    expect(err('['.repeat(10000))).toBe('unexpected EOF');
  });
});

describe('jsonUnmarshal (whole document)', () => {
  it('decodes a whole document', () => {
    expect(jsonUnmarshal(' [1,{"a":"b"}] \n')).toEqual({ ok: true, value: [1, { a: 'b' }], rest: '' });
  });
  it('reports Go Unmarshal errors', () => {
    expect(uerr('')).toBe('unexpected end of JSON input');
    expect(uerr('   ')).toBe('unexpected end of JSON input');
    expect(uerr('{"a":')).toBe('unexpected end of JSON input');
    expect(uerr('"abc')).toBe('unexpected end of JSON input');
    expect(uerr('tru')).toBe("invalid character ' ' in literal true (expecting 'e')");
    expect(uerr('-')).toBe("invalid character ' ' in numeric literal");
    expect(uerr('1.')).toBe("invalid character ' ' after decimal point in numeric literal");
    expect(uerr('{} x')).toBe("invalid character 'x' after top-level value");
    expect(uerr('123abc')).toBe("invalid character 'a' after top-level value");
    expect(uerr('{}{}')).toBe("invalid character '{' after top-level value");
  });
});

describe('goJsonKind and quoteChar', () => {
  it('names JSON kinds like Go', () => {
    expect(goJsonKind('x')).toBe('string');
    expect(goJsonKind(1)).toBe('number');
    expect(goJsonKind({})).toBe('object');
    expect(goJsonKind([])).toBe('array');
    expect(goJsonKind(false)).toBe('bool');
    expect(goJsonKind(null)).toBe('null');
  });
  it('quotes bytes like encoding/json', () => {
    expect(quoteChar(0x27)).toBe("'\\''");
    expect(quoteChar(0x22)).toBe(`'"'`);
    expect(quoteChar(0x5c)).toBe("'\\\\'");
    expect(quoteChar(0x0a)).toBe("'\\n'");
    expect(quoteChar(0xff)).toBe("'ÿ'");
  });
});

describe('decode edges (each once broke or could break a property)', () => {
  it('keeps negative zero, as Go decodes -0 into a float64', () => {
    const r = jsonUnmarshal('[-0, -0.0, -0e5, 0]');
    expect(r.ok && (r.value as number[]).map((x) => Object.is(x, -0))).toEqual([true, true, true, false]);
    expect(jsonMarshal(-0)).toBe('-0');
  });
  it("refuses NaN and infinities on encode, with Go's text", () => {
    expect(() => jsonMarshal(NaN)).toThrow('json: unsupported value: NaN');
    expect(() => jsonMarshal(-Infinity)).toThrow('json: unsupported value: -Inf');
  });
  it('fails a float64 overflow in an interface{} as Go does, and keeps the smallest subnormal', () => {
    expect(jsonUnmarshal('1e400')).toEqual({ ok: false, error: 'json: cannot unmarshal number 1e400 into Go value of type float64' });
    expect(jsonUnmarshal('4.9e-324')).toEqual({ ok: true, value: 5e-324, rest: '' });
    expect(jsonUnmarshal('1e-400')).toEqual({ ok: true, value: 0, rest: '' });
  });
  it('turns a lone surrogate escape into U+FFFD', () => {
    expect(jsonUnmarshal('"\\ud800x\\udc00"')).toEqual({ ok: true, value: '\ufffdx\ufffd', rest: '' });
    expect(jsonMarshal('\ud800')).toBe('"\\ufffd"'); // Go writes the escape for a byte that is not UTF-8
  });
  it('lets the last of duplicate keys win in a map, as JSON.parse does', () => {
    const text = '{"a":1,"b":[2],"a":{"c":3}}';
    expect(jsonUnmarshal(text)).toEqual({ ok: true, value: JSON.parse(text), rest: '' });
  });
});

describe('decode properties', () => {
  it('decodes what jsonMarshal and JSON.stringify encode', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        // Go keeps -0 through Marshal/Unmarshal; JSON.stringify writes it as 0. Lone surrogates become U+FFFD in Go.
        expect(jsonUnmarshal(jsonMarshal(v))).toEqual({ ok: true, value: goNormalize(v), rest: '' });
        const text = JSON.stringify(v, null, 2);
        expect(jsonDecode(text + ' rest')).toEqual({ ok: true, value: goNormalize(JSON.parse(text)), rest: ' rest' });
      }),
    );
  });
  it('agrees with JSON.parse on validity for arbitrary short text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'{}[]",:0123456789.-+eEtrufalsn \\/u'.split('')), maxLength: 12 }), (t) => {
        let valid = true;
        try {
          JSON.parse(t);
        } catch {
          valid = false;
        }
        const r = jsonUnmarshal(t);
        expect(r.ok || r.error.startsWith('json: cannot unmarshal number')).toBe(valid);
      }),
    );
  });
});
