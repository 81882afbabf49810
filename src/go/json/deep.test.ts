// Nesting as deep as Go's encoding/json takes (maxNestingDepth, 10000 levels): the decoders and the
// encoder keep their own stacks, so none of this overflows V8's (it did from about 1600 levels).
// Deep values are compared through their depth, never with toEqual (which would recurse itself).
import { describe, expect, it } from 'vitest';
import { decodeGoStruct, jsonDecode, jsonDecodeTree, jsonMarshal, jsonMarshalIndent, jsonUnmarshal, type GoStructType, type JsonNode } from '../index.ts';

const arrays = (n: number, inner = ''): string => '['.repeat(n) + inner + ']'.repeat(n);
const nested = (n: number, leaf: unknown, wrap: (v: unknown) => unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < n; i++) v = wrap(v);
  return v;
};
/** How many containers lead to the innermost value through each first element or member, and that value. */
const descend = (v: unknown): [number, unknown] => {
  let d = 0;
  while (v !== null && typeof v === 'object') {
    v = Array.isArray(v) ? v[0] : Object.values(v)[0];
    d++;
  }
  return [d, v];
};

const RESPONSE: GoStructType = {
  typeName: 'agentsdk.ExternalAuthResponse',
  structName: 'ExternalAuthResponse',
  fields: [
    ['access_token', { kind: 'string' }],
    ['token_extra', { kind: 'map' }],
  ],
};

describe('JSON nested 10000 deep', () => {
  it('decodes into a struct as Go does', () => {
    expect(decodeGoStruct(RESPONSE, arrays(10000))).toEqual({
      ok: false,
      error: 'json: cannot unmarshal array into Go value of type agentsdk.ExternalAuthResponse',
    });
    const a = decodeGoStruct(RESPONSE, `{"access_token":"t","token_extra":{"a":${arrays(9998, '"x"')}}}`);
    expect(a.ok && a.value.access_token).toBe('t');
    expect(a.ok && descend(a.value.token_extra)).toEqual([9999, 'x']);
    const o = decodeGoStruct(RESPONSE, `{"access_token":"t","token_extra":${'{"a":'.repeat(9999)}7${'}'.repeat(9999)}}`);
    expect(o.ok && descend(o.value.token_extra)).toEqual([9999, 7]);
    expect(decodeGoStruct(RESPONSE, `{"token_extra":{"a":${arrays(9999)}}}`)).toEqual({ ok: false, error: "invalid character '[' exceeded max depth" });
  });
  it('saves the first float64 overflow in document order, however deep it is', () => {
    expect(decodeGoStruct(RESPONSE, `{"token_extra":{"a":[${arrays(5000, '1e999')},2e999],"b":3e999}}`)).toEqual({
      ok: false,
      error: 'json: cannot unmarshal number 1e999 into Go struct field ExternalAuthResponse.token_extra of type float64',
    });
  });
  it("builds the tree with each value's raw bytes", () => {
    const r = jsonDecodeTree(`${arrays(10000, ' 7 ')} rest`);
    if (!r.ok) throw new Error(r.error);
    expect(r.rest).toBe(' rest');
    let n: JsonNode = r.node;
    let d = 0;
    while (n.kind === 'array') {
      if (d === 9998) expect(n.raw).toBe('[[ 7 ]]');
      n = n.elements[0];
      d++;
    }
    expect([d, n.kind, n.raw]).toEqual([10000, 'number', '7']);
  });
  it('decodes into interface{} (Decoder.Decode and Unmarshal)', () => {
    const d = jsonDecode(`${'{"k":['.repeat(5000)}null${']}'.repeat(5000)} tail`);
    expect(d.ok && [descend(d.value), d.rest]).toEqual([[10000, null], ' tail']);
    const u = jsonUnmarshal(arrays(10000, 'true'));
    expect(u.ok && descend(u.value)).toEqual([10000, true]);
    expect(jsonUnmarshal(arrays(5000, '1e400'))).toEqual({ ok: false, error: 'json: cannot unmarshal number 1e400 into Go value of type float64' });
  });
  it('reads a number of 200000 digits (more than a call takes arguments)', () => {
    const digits = '9'.repeat(200000);
    expect(jsonDecode(digits)).toEqual({ ok: false, error: `json: cannot unmarshal number ${digits} into Go value of type float64` });
    expect(jsonDecode(`0.${digits}`)).toEqual({ ok: true, value: 1, rest: '' });
  });
  it('encodes as Go does (maps sorted, struct fields in order, MarshalIndent)', () => {
    expect(jsonMarshal(nested(10000, 1, (v) => [v]))).toBe(arrays(10000, '1'));
    expect(jsonMarshal(nested(10000, null, (v) => ({ b: v, a: '<' })))).toBe(`${'{"a":"\\u003c","b":'.repeat(10000)}null${'}'.repeat(10000)}`);
    expect(
      jsonMarshal(
        nested(
          10000,
          's',
          (v) =>
            new Map([
              ['z', v],
              ['y', [2]],
            ]),
        ),
      ),
    ).toBe(`${'{"z":'.repeat(10000)}"s"${',"y":[2]}'.repeat(10000)}`);
    expect(
      jsonMarshalIndent(
        nested(3000, 1, (v) => [v]),
        '',
        '',
      ),
    ).toBe(`${'[\n'.repeat(3000)}1${'\n]'.repeat(3000)}`);
    const shared = [1];
    expect(jsonMarshal(nested(5000, [shared, shared], (v) => [v]))).toBe(arrays(5000, '[[1],[1]]'));
  });
  it('names where a deep value cannot be encoded', () => {
    const root: Record<string, unknown> = {};
    let at = root;
    for (let i = 0; i < 5000; i++) at = at.a = {};
    at.a = root;
    expect(() => jsonMarshal(root)).toThrow(`json: unsupported value: encountered a cycle at ${'.a'.repeat(5001)}`);
    expect(() => jsonMarshal(nested(5000, undefined, (v) => [v]))).toThrow(`json: unsupported type: undefined at ${'[0]'.repeat(5000)}`);
  });
});
