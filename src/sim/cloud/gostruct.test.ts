// Go json.Unmarshal into a flat struct: field matching, syntax and type error texts.
import { describe, expect, test } from 'vitest';
import { goUnmarshalStruct, type GoStruct } from './gostruct.ts';

const doc: GoStruct = { qualifiedName: 'awsidentity.awsInstanceIdentityDocument', name: 'awsInstanceIdentityDocument', fields: { instanceId: 'string' } };
const payload: GoStruct = { qualifiedName: 'idtoken.Payload', name: 'Payload', fields: { aud: 'string', exp: 'int64' } };

describe('goUnmarshalStruct', () => {
  test('members apply in document order: a later duplicate wins, nested values are skipped whole', () => {
    expect(goUnmarshalStruct('{"aud":"a","x":{"aud":"no","y":["}",{"z":"]"}]},"AUD":"b","exp":-5}', payload)).toMatchObject({
      ok: true,
      fields: { aud: 'b', exp: -5 },
    });
    expect(goUnmarshalStruct(' { "aud" : "q\\"\\u00e9" , "exp" : 7 } ', payload)).toMatchObject({ ok: true, fields: { aud: 'q"é', exp: 7 } });
  });

  test('reads the tagged field, matching keys case-insensitively', () => {
    expect(goUnmarshalStruct('{"instanceId":"i-1"}', doc)).toMatchObject({ ok: true, fields: { instanceId: 'i-1' } });
    expect(goUnmarshalStruct('{"INSTANCEID":"i-2","other":1}', doc)).toMatchObject({ ok: true, fields: { instanceId: 'i-2' } });
    expect(goUnmarshalStruct('{"instanceId":null}', doc)).toMatchObject({ ok: true, fields: { instanceId: '' } });
    expect(goUnmarshalStruct('null', doc)).toMatchObject({ ok: true, fields: { instanceId: '' } });
  });

  test('Go folding: U+017F matches s and U+212A matches k; other non-ASCII letters never match', () => {
    expect(goUnmarshalStruct('{"in\u017ftanceId":"i-3"}', doc)).toMatchObject({ ok: true, fields: { instanceId: 'i-3' } });
    const jwtHeader: GoStruct = { qualifiedName: 'idtoken.jwtHeader', name: 'jwtHeader', fields: { kid: 'string' } };
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
