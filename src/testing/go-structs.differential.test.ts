// Differential tests of Go-struct decoding against encoding/json decoding into the same struct shapes
// (oracles/go/shapes): src/go's decodeGoStruct as the CLI uses it (json.NewDecoder(body).Decode) and as the
// simulator's cloud verifiers use it (json.Unmarshal), and the simulator's request reader (coderd
// httpapi.Read's Decode). Each area draws ≥ 5,000 bodies: duplicated and case-folded keys, wrong types,
// null, nested arrays, trailing data, truncated and broken JSON.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { AUTHENTICATE_RESPONSE_SCHEMA, RESPONSE_SCHEMA } from '../cli/agentsdk/structs.ts';
import { decodeGoStruct, jsonMarshal, parseGoTimeJSON, type GoStructType } from '../go/index.ts';
import { AWS_TOKEN, AZURE_TOKEN, GOOGLE_TOKEN, readStruct, withoutAgentName, type StructSpec } from '../sim/coderd/read-body.ts';
import { agree, bytesOf, describeWithGo, differential, showBytes, utf8 } from './go-oracle.ts';

const N = 5000;

const str = (k: string): [string, { kind: 'string' }] => [k, { kind: 'string' }];
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

const REQUEST_SHAPES: [shape: string, spec: StructSpec][] = [
  ['agentsdk.AWSInstanceIdentityToken', AWS_TOKEN],
  ['agentsdk.AzureInstanceIdentityToken', AZURE_TOKEN],
  ['agentsdk.GoogleInstanceIdentityToken', GOOGLE_TOKEN],
  ['agentsdk.AWSInstanceIdentityToken@pre', withoutAgentName(AWS_TOKEN)],
  ['agentsdk.AzureInstanceIdentityToken@pre', withoutAgentName(AZURE_TOKEN)],
  ['agentsdk.GoogleInstanceIdentityToken@pre', withoutAgentName(GOOGLE_TOKEN)],
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
        agree(
          `decode ${shape} ${b}`,
          ours,
          ans.merr ? { merr: String(ans.merr).replace('json: error calling MarshalJSON for type time.Time: ', '') } : { out: goOut },
        );
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
        const r = decodeGoStruct(st, utf8(b), { unmarshal: true });
        if (ans.err) {
          agree(`unmarshal ${shape} ${b}`, r.ok ? { ok: true } : { err: r.error }, { err: ans.err });
          return;
        }
        // int64 fields are JS numbers here (used only to compare expiry times): compared as such.
        const ours = r.ok ? { out: JSON.parse(jsonMarshal(new Map(st.fields.map(([k]) => [k, r.value[k]])))) } : { err: r.error };
        agree(`unmarshal ${shape} ${b}`, ours, { out: JSON.parse(showBytes(bytesOf(ans.out))) });
      },
    });
  });

  it("the simulator's request reader (httpapi.Read: Decoder.Decode into the instance-identity request structs)", async () => {
    await differential({
      oracle: oracle(),
      arb: fc.tuple(fc.constantFrom(...REQUEST_SHAPES.map((s) => s[0])), body),
      n: N,
      request: ([shape, b]) => ({ op: 'decodeStruct', shape, a: b }),
      check: ([shape, b], ans) => {
        const spec = REQUEST_SHAPES.find((s) => s[0] === shape)![1];
        const r = readStruct(utf8(b), spec);
        if (ans.err) {
          // Decoding failed in Go: 400 "Request body must be valid JSON." with the error as detail.
          if (r.ok) agree(`read ${shape} ${b}`, { ok: true }, { err: ans.err });
          return;
        }
        // Decoding succeeded in Go: ours decoded the same values (then the required check may answer 400).
        if (r.ok) agree(`read ${shape} ${b}`, { out: jsonMarshal(new Map(spec.fields.map((f) => [f, r.values[f]]))) }, { out: showBytes(bytesOf(ans.out)) });
      },
    });
  });

  it("the request reader's 400 detail is Go's decode error", async () => {
    const o = oracle();
    const cases = fc.sample(fc.tuple(fc.constantFrom(...REQUEST_SHAPES.map((s) => s[0])), body), { numRuns: 2000 });
    const answers = await o.ask(cases.map(([shape, b]) => ({ op: 'decodeStruct', shape, a: b })));
    let checked = 0;
    for (let i = 0; i < cases.length; i++) {
      const [shape, b] = cases[i];
      const spec = REQUEST_SHAPES.find((s) => s[0] === shape)![1];
      const r = readStruct(utf8(b), spec);
      const goErr = answers[i].err;
      if (r.ok) {
        expect(goErr, `read ${shape} ${b}`).toBeNull();
        continue;
      }
      const payload = (await r.response.json()) as { message: string; detail?: string };
      if (goErr) {
        agree(`read ${shape} ${b}`, payload, { message: 'Request body must be valid JSON.', detail: goErr });
        checked++;
      } else expect(payload.message, `read ${shape} ${b}`).toBe('Validation failed.');
    }
    expect(checked).toBeGreaterThan(100);
  });
});
