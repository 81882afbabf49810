// Go json.Unmarshal / Decoder.Decode into a struct: field matching, syntax and type error texts.
import { describe, expect, test } from 'vitest';
import { canonicalHeaderKey } from '../textproto.ts';
import { decodeGoStruct, foldName, unmarshalGoStruct, type GoStructType } from './struct.ts';

const goUnmarshalStruct = (text: string, st: GoStructType) => {
  const r = unmarshalGoStruct(st, text);
  return r.ok ? { ok: true, fields: r.value } : r;
};

const doc: GoStructType = {
  typeName: 'awsidentity.awsInstanceIdentityDocument',
  structName: 'awsInstanceIdentityDocument',
  fields: [['instanceId', { kind: 'string' }]],
};
const payload: GoStructType = {
  typeName: 'idtoken.Payload',
  structName: 'Payload',
  fields: [
    ['aud', { kind: 'string' }],
    ['exp', { kind: 'int64' }],
  ],
};

describe('goUnmarshalStruct', () => {
  test('members apply in document order: a later duplicate wins, nested values are skipped whole', () => {
    expect(goUnmarshalStruct('{"aud":"a","x":{"aud":"no","y":["}",{"z":"]"}]},"AUD":"b","exp":-5}', payload)).toMatchObject({
      ok: true,
      fields: { aud: 'b', exp: -5n },
    });
    expect(goUnmarshalStruct(' { "aud" : "q\\"\\u00e9" , "exp" : 7 } ', payload)).toMatchObject({ ok: true, fields: { aud: 'q"é', exp: 7n } });
  });

  test('reads the tagged field, matching keys case-insensitively', () => {
    expect(goUnmarshalStruct('{"instanceId":"i-1"}', doc)).toMatchObject({ ok: true, fields: { instanceId: 'i-1' } });
    expect(goUnmarshalStruct('{"INSTANCEID":"i-2","other":1}', doc)).toMatchObject({ ok: true, fields: { instanceId: 'i-2' } });
    expect(goUnmarshalStruct('{"instanceId":null}', doc)).toMatchObject({ ok: true, fields: { instanceId: '' } });
    expect(goUnmarshalStruct('null', doc)).toMatchObject({ ok: true, fields: { instanceId: '' } });
  });

  test('Go folding: U+017F matches s and U+212A matches k; other non-ASCII letters never match', () => {
    expect(goUnmarshalStruct('{"in\u017ftanceId":"i-3"}', doc)).toMatchObject({ ok: true, fields: { instanceId: 'i-3' } });
    const jwtHeader: GoStructType = { typeName: 'idtoken.jwtHeader', structName: 'jwtHeader', fields: [['kid', { kind: 'string' }]] };
    expect(goUnmarshalStruct('{"\u212aID":"k1"}', jwtHeader)).toMatchObject({ ok: true, fields: { kid: 'k1' } });
    expect(goUnmarshalStruct('{"\u0130nstanceId":"i-4"}', doc)).toMatchObject({ ok: true, fields: { instanceId: '' } });
  });

  test('syntax errors are Go scanner texts', () => {
    expect(goUnmarshalStruct('', doc)).toEqual({ ok: false, error: 'unexpected end of JSON input' });
    expect(goUnmarshalStruct('{"instanceId":', doc)).toEqual({ ok: false, error: 'unexpected end of JSON input' });
    expect(goUnmarshalStruct('nope', doc)).toEqual({ ok: false, error: "invalid character 'o' in literal null (expecting 'u')" });
    expect(goUnmarshalStruct('<html>', doc)).toEqual({ ok: false, error: "invalid character '<' looking for beginning of value" });
  });

  test('type errors are Go UnmarshalTypeError texts', () => {
    expect(goUnmarshalStruct('{"instanceId":5}', doc)).toEqual({
      ok: false,
      error: 'json: cannot unmarshal number into Go struct field awsInstanceIdentityDocument.instanceId of type string',
    });
    expect(goUnmarshalStruct('"x"', doc)).toEqual({
      ok: false,
      error: 'json: cannot unmarshal string into Go value of type awsidentity.awsInstanceIdentityDocument',
    });
    expect(goUnmarshalStruct('{"exp":1.5}', payload)).toEqual({
      ok: false,
      error: 'json: cannot unmarshal number 1.5 into Go struct field Payload.exp of type int64',
    });
    expect(goUnmarshalStruct('{"exp":1.50}', payload)).toEqual({
      ok: false,
      error: 'json: cannot unmarshal number 1.50 into Go struct field Payload.exp of type int64',
    });
    expect(goUnmarshalStruct('{"exp":1e3}', payload)).toEqual({
      ok: false,
      error: 'json: cannot unmarshal number 1e3 into Go struct field Payload.exp of type int64',
    });
    expect(goUnmarshalStruct('{"exp":9223372036854775808}', payload)).toEqual({
      ok: false,
      error: 'json: cannot unmarshal number 9223372036854775808 into Go struct field Payload.exp of type int64',
    });
    expect(goUnmarshalStruct('{"aud":["a"],"exp":"x"}', payload)).toEqual({
      ok: false,
      error: 'json: cannot unmarshal array into Go struct field Payload.aud of type string',
    });
  });
});

describe('decodeGoStruct (Decoder mode, the default)', () => {
  const token: GoStructType = {
    typeName: 'agentsdk.GoogleInstanceIdentityToken',
    structName: 'GoogleInstanceIdentityToken',
    fields: [['json_web_token', { kind: 'string' }]],
  };
  test('reads the first value, ignores trailing bytes, says EOF / unexpected EOF', () => {
    expect(decodeGoStruct(token, '{"json_web_token":"a"} trailing')).toEqual({ ok: true, value: { json_web_token: 'a' } });
    expect(decodeGoStruct(token, '')).toEqual({ ok: false, error: 'EOF' });
    expect(decodeGoStruct(token, '{"json_web_token":')).toEqual({ ok: false, error: 'unexpected EOF' });
  });
  test('skips unknown keys without converting their values; an exact duplicate is applied in order (first type error kept)', () => {
    expect(decodeGoStruct(token, '{"other":1e400,"json_web_token":"a"}')).toEqual({ ok: true, value: { json_web_token: 'a' } });
    expect(decodeGoStruct(token, '{"json_web_token":1,"json_web_token":"a"}')).toEqual({
      ok: false,
      error: 'json: cannot unmarshal number into Go struct field GoogleInstanceIdentityToken.json_web_token of type string',
    });
  });
  test('starts from the given zero value', () => {
    expect(decodeGoStruct(token, 'null', { zero: { json_web_token: 'z' } })).toEqual({ ok: true, value: { json_web_token: 'z' } });
  });
});

describe('foldName and canonicalHeaderKey', () => {
  test('foldName folds ASCII case, ſ to s and K to k only', () => {
    expect(foldName('A\u017fK\u212aZ\u0130')).toBe('askkz\u0130');
  });
  test('canonicalHeaderKey is textproto.CanonicalMIMEHeaderKey for token names, identity otherwise', () => {
    expect(canonicalHeaderKey('content-type')).toBe('Content-Type');
    expect(canonicalHeaderKey('X-FORWARDED-for')).toBe('X-Forwarded-For');
    expect(canonicalHeaderKey('metadata-flavor')).toBe('Metadata-Flavor');
    expect(canonicalHeaderKey('bad header')).toBe('bad header');
  });
});
