// Differential tests of Go-struct decoding against encoding/json decoding into the same struct shapes
// (oracles/go/shapes): decodeGoStruct as the CLI uses it for responses (json.NewDecoder(body).Decode), as
// the simulator reads coderd's request bodies (the same) and as its cloud verifiers read documents
// (json.Unmarshal). Each area draws ≥ 5,000 bodies: duplicated and case-folded keys, wrong types,
// null, nested arrays, trailing data, truncated and broken JSON.
import fc from 'fast-check';
import { it } from 'vitest';
import { agree, bytesOf, describeWithGo, differential, showBytes, utf8 } from '../../testing/go-oracle.ts';
import { decodeGoStruct, jsonMarshal, unmarshalGoStruct, parseGoTimeJSON, type GoStructType } from '../index.ts';

const N = 5000;

const str = (k: string): [string, { kind: 'string' }] => [k, { kind: 'string' }];
const shape = (typeName: string, fields: GoStructType['fields']): GoStructType => ({ typeName, structName: typeName.slice(typeName.indexOf('.') + 1), fields });

/** The struct shapes the CLI and the simulator decode (the same as oracles/go/shapes). */
const RESPONSE_SCHEMA = shape('codersdk.Response', [
  str('message'),
  str('detail'),
  ['validations', { kind: 'slice', of: shape('codersdk.ValidationError', [str('field'), str('detail')]) }],
]);
const AUTHENTICATE_RESPONSE_SCHEMA = shape('agentsdk.AuthenticateResponse', [str('session_token')]);
const EXTERNAL_AUTH: GoStructType = {
  typeName: 'agentsdk.ExternalAuthResponse',
  structName: 'ExternalAuthResponse',
  fields: [str('access_token'), ['token_extra', { kind: 'map' }], str('url'), str('type'), str('username'), str('password')],
};
const EXTERNAL_AUTH_26883: GoStructType = {
  ...EXTERNAL_AUTH,
  fields: [
    str('access_token'),
    ['token_extra', { kind: 'map' }],
    str('url'),
    str('type'),
    ['expires_at', { kind: 'time', parse: parseGoTimeJSON }],
    str('username'),
    str('password'),
  ],
};
const AZURE_TOKEN_SCHEMA: GoStructType = {
  typeName: 'agentsdk.AzureInstanceIdentityToken',
  structName: 'AzureInstanceIdentityToken',
  fields: [str('signature'), str('encoding'), str('agent_name')],
};

const CLI_SHAPES: [shape: string, schema: GoStructType][] = [
  ['codersdk.Response', RESPONSE_SCHEMA],
  ['agentsdk.AuthenticateResponse', AUTHENTICATE_RESPONSE_SCHEMA],
  ['agentsdk.ExternalAuthResponse', EXTERNAL_AUTH],
  ['agentsdk.ExternalAuthResponse@pr26883', EXTERNAL_AUTH_26883],
  ['agentsdk.AzureInstanceIdentityToken', AZURE_TOKEN_SCHEMA],
];

const CLOUD_SHAPES: [shape: string, st: GoStructType][] = [
  ['idtoken.jwtHeader', { typeName: 'idtoken.jwtHeader', structName: 'jwtHeader', fields: [str('alg'), str('typ'), str('kid')] }],
  [
    'idtoken.Payload',
    {
      typeName: 'idtoken.Payload',
      structName: 'Payload',
      fields: [str('iss'), str('aud'), ['exp', { kind: 'int64' }], ['iat', { kind: 'int64' }], str('sub')],
    },
  ],
  [
    'awsidentity.awsInstanceIdentityDocument',
    { typeName: 'awsidentity.awsInstanceIdentityDocument', structName: 'awsInstanceIdentityDocument', fields: [str('instanceId')] },
  ],
  ['azureidentity.metadata', { typeName: 'azureidentity.metadata', structName: 'metadata', fields: [str('vmId')] }],
];

const REQUEST_SHAPES: [shape: string, st: GoStructType][] = [
  ['agentsdk.AWSInstanceIdentityToken', shape('agentsdk.AWSInstanceIdentityToken', [str('signature'), str('document'), str('agent_name')])],
  ['agentsdk.AzureInstanceIdentityToken', shape('agentsdk.AzureInstanceIdentityToken', [str('signature'), str('encoding'), str('agent_name')])],
  ['agentsdk.GoogleInstanceIdentityToken', shape('agentsdk.GoogleInstanceIdentityToken', [str('json_web_token'), str('agent_name')])],
  ['agentsdk.AWSInstanceIdentityToken@pre', shape('agentsdk.AWSInstanceIdentityToken', [str('signature'), str('document')])],
  ['agentsdk.AzureInstanceIdentityToken@pre', shape('agentsdk.AzureInstanceIdentityToken', [str('signature'), str('encoding')])],
  ['agentsdk.GoogleInstanceIdentityToken@pre', shape('agentsdk.GoogleInstanceIdentityToken', [str('json_web_token')])],
];

/** Keys: every field name of every shape, case variants, Go's fold specials (ſ, K), unknown keys. */
const FIELD_NAMES = [
  'message',
  'detail',
  'validations',
  'field',
  'session_token',
  'access_token',
  'token_extra',
  'url',
  'type',
  'expires_at',
  'username',
  'password',
  'signature',
  'encoding',
  'agent_name',
  'document',
  'json_web_token',
  'alg',
  'typ',
  'kid',
  'iss',
  'aud',
  'exp',
  'iat',
  'sub',
  'instanceId',
  'vmId',
];
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FIELD_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom(...FIELD_NAMES).map((k) => k.toUpperCase()) },
  { weight: 1, arbitrary: fc.constantFrom('meſſage', 'Kid', 'ſub', 'x', '', 'MESSAGE', 'Message', 'instanceid', 'VMID', 'validation', 'İnstanceId') },
);

const scalar = fc.constantFrom(
  '"a"',
  '""',
  '"2026-06-30T12:00:00Z"',
  '"2024-01-02T3:04:05Z"',
  '"2026-06-30T12:00:00+24:00"',
  '"x"',
  '1',
  '-5',
  '1.5',
  '1e3',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775809',
  '1e400',
  '0',
  'true',
  'false',
  'null',
  '"\\u00e9"',
  '"<&>"',
);
const value: fc.Arbitrary<string> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    { weight: 4, arbitrary: scalar },
    fc.array(tie('v'), { maxLength: 3 }).map((a) => `[${a.join(',')}]`),
    fc.array(fc.tuple(key, tie('v')), { maxLength: 3 }).map((m) => `{${m.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).v;
const object = fc.array(fc.tuple(key, value), { maxLength: 5 }).map((m) => `{${m.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
const body: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom('', ' ', '\n'), object, fc.constantFrom('', '', ' ', '\n', ' {}', 'x', ',')).map((p) => p.join('')) },
  { weight: 1, arbitrary: value },
  { weight: 2, arbitrary: fc.tuple(object, fc.nat()).map(([t, k]) => t.slice(0, k % (t.length + 1))) },
);

/** The decoded struct as Go's json.Marshal writes it (field order, map keys sorted, time via MarshalJSON). */
function marshalStruct(schema: GoStructType, v: Record<string, unknown>): string {
  const toMap = (s: GoStructType, o: Record<string, unknown>): Map<string, unknown> =>
    new Map(
      s.fields.map(([name, type]) => {
        const x = o[name];
        if (type.kind === 'slice') return [name, Array.isArray(x) && x.length > 0 ? x.map((e) => toMap(type.of, e as Record<string, unknown>)) : null];
        return [name, x];
      }),
    );
  return jsonMarshal(toMap(schema, v));
}

describeWithGo('Go struct decoders against encoding/json (the Go oracle)', (oracle) => {
  it('the CLI decoder (agentsdk / codersdk shapes, Decoder.Decode)', async () => {
    await differential({
      oracle: oracle(),
      arb: fc.tuple(fc.constantFrom(...CLI_SHAPES.map((s) => s[0])), body),
      n: N,
      examples: [
        ['codersdk.Response', '{"validations":[{"field":"a"}],"validations":[{}]}'],
        ['codersdk.Response', '{"validations":[{"field":"a"},{"detail":"d"}],"validations":[{"detail":"x"}]}'],
        ['codersdk.Response', '{"validations":[{"field":"a"}],"validations":null}'],
        ['codersdk.Response', '{"validations":[{"field":"a"}],"validations":[]}'],
        ['agentsdk.ExternalAuthResponse@pr26883', '{"expires_at":"2024-01-02T3:04:05Z"}'],
        // Nesting as deep as Go's scanner allows (10000 levels): decoded and re-encoded without recursion.
        ['agentsdk.ExternalAuthResponse@pr26883', `${'['.repeat(10000)}${']'.repeat(10000)}`],
        ['agentsdk.ExternalAuthResponse@pr26883', `{"access_token":"t","token_extra":{"a":${'['.repeat(9998)}${']'.repeat(9998)}}}`],
        ['agentsdk.ExternalAuthResponse@pr26883', `{"access_token":"t","token_extra":${'{"a":'.repeat(9999)}null${'}'.repeat(9999)}}`],
        ['agentsdk.ExternalAuthResponse@pr26883', `{"token_extra":{"a":[${'[{"b":'.repeat(3000)}1e999${'}]'.repeat(3000)},2e999],"b":3e999}}`],
      ],
      request: ([shape, b]) => ({ op: 'decodeStruct', shape, a: b }),
      check: ([shape, b], ans) => {
        const schema = CLI_SHAPES.find((s) => s[0] === shape)![1];
        const zero: Record<string, unknown> = Object.fromEntries(
          schema.fields.map(([n, t]) => [
            n,
            t.kind === 'string'
              ? ''
              : t.kind === 'slice'
                ? []
                : t.kind === 'time'
                  ? parseGoTimeJSON('"0001-01-01T00:00:00Z"').ok && (parseGoTimeJSON('"0001-01-01T00:00:00Z"') as { value: unknown }).value
                  : null,
          ]),
        );
        const d = decodeGoStruct(schema, utf8(b), { zero });
        if (ans.err) {
          agree(`decode ${shape} ${b}`, d.ok ? { ok: true } : { err: d.error }, { err: ans.err });
          return;
        }
        if (!d.ok) {
          agree(`decode ${shape} ${b}`, { err: d.error }, { ok: true });
          return;
        }
        let ours: unknown;
        try {
          ours = { out: marshalStruct(schema, d.value) };
        } catch (e) {
          ours = { merr: (e as Error).message };
        }
        // A nil and an empty slice both print as no validations: the CLI's value does not tell them apart.
        const goOut = showBytes(bytesOf(ans.out)).replace('"validations":[]', '"validations":null');
        agree(`decode ${shape} ${b}`, ours, ans.merr ? { merr: String(ans.merr) } : { out: goOut });
      },
    });
  });

  it('the simulator cloud-document decoder (json.Unmarshal into idtoken, awsidentity, azureidentity shapes)', async () => {
    await differential({
      oracle: oracle(),
      arb: fc.tuple(fc.constantFrom(...CLOUD_SHAPES.map((s) => s[0])), body),
      n: N,
      request: ([shape, b]) => ({ op: 'unmarshalStruct', shape, a: b }),
      check: ([shape, b], ans) => {
        const st = CLOUD_SHAPES.find((s) => s[0] === shape)![1];
        const r = unmarshalGoStruct(st, utf8(b));
        if (ans.err) {
          agree(`unmarshal ${shape} ${b}`, r.ok ? { ok: true } : { err: r.error }, { err: ans.err });
          return;
        }
        // int64 fields are bigints: marshalled as their exact decimal text, compared byte for byte with Go's.
        const goValue = (v: unknown) => (typeof v === 'bigint' ? { marshalGoJSON: () => v.toString() } : v);
        const ours = r.ok ? { out: jsonMarshal(new Map(st.fields.map(([k]) => [k, goValue(r.value[k])]))) } : { err: r.error };
        agree(`unmarshal ${shape} ${b}`, ours, { out: showBytes(bytesOf(ans.out)) });
      },
    });
  });

  it("coderd's request bodies (httpapi.Read: Decoder.Decode into the instance-identity request structs)", async () => {
    await differential({
      oracle: oracle(),
      arb: fc.tuple(fc.constantFrom(...REQUEST_SHAPES.map((s) => s[0])), body),
      n: N,
      request: ([sh, b]) => ({ op: 'decodeStruct', shape: sh, a: b }),
      check: ([sh, b], ans) => {
        const st = REQUEST_SHAPES.find((s) => s[0] === sh)![1];
        const r = decodeGoStruct(st, utf8(b));
        const ours = r.ok ? { out: jsonMarshal(new Map(st.fields.map(([k]) => [k, r.value[k]]))) } : { err: r.error };
        agree(`read ${sh} ${b}`, ours, ans.err ? { err: ans.err } : { out: showBytes(bytesOf(ans.out)) });
      },
    });
  });
});
