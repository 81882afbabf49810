// Go json.NewDecoder(body).Decode(&structValue) for the few agentsdk/codersdk structs: the first JSON
// value (trailing bytes ignored), keys matched exactly then case-insensitively, unknown keys ignored,
// null leaves a field alone, the first type mismatch reported as Go's UnmarshalTypeError text
// (decoding goes on, later duplicates still apply), time.Time via its UnmarshalJSON.
import { goJsonKind, jsonDecode, jsonString } from '../../go/index.ts';

export type FieldType =
  | { kind: 'string' }
  | { kind: 'map' }
  | { kind: 'time'; parse: (jsonText: string) => { ok: true; value: unknown } | { ok: false; error: string } }
  | { kind: 'slice'; of: StructSchema };

export interface StructSchema {
  /** Go type name for top-level errors, e.g. `agentsdk.ExternalAuthResponse`. */
  typeName: string;
  /** The struct name used in field errors, e.g. `ExternalAuthResponse`. */
  structName: string;
  fields: [jsonName: string, type: FieldType][];
}

export type DecodeOutcome = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

const GO_TYPE: Record<string, string> = { string: 'string', map: 'map[string]interface {}', time: 'time.Time' };

function findField(schema: StructSchema, key: string): [string, FieldType] | undefined {
  return schema.fields.find(([n]) => n === key) ?? schema.fields.find(([n]) => n.toLowerCase() === key.toLowerCase());
}

interface Ctx {
  saved?: string;
  fatal?: string;
}

function decodeStruct(schema: StructSchema, v: unknown, into: Record<string, unknown>, path: string, ctx: Ctx, topLevel: boolean): void {
  if (v === null) return;
  if (goJsonKind(v) !== 'object') {
    const where = topLevel ? `Go value of type ${schema.typeName}` : `Go struct field ${path} of type ${schema.typeName}`;
    ctx.saved ??= `json: cannot unmarshal ${goJsonKind(v)} into ${where}`;
    return;
  }
  for (const [key, val] of Object.entries(v as Record<string, unknown>)) {
    const f = findField(schema, key);
    if (!f) continue;
    const [name, type] = f;
    const fieldPath = `${topLevel ? schema.structName : path}.${name}`;
    const kind = goJsonKind(val);
    switch (type.kind) {
      case 'string':
        if (kind === 'string') into[name] = val;
        else if (kind !== 'null') ctx.saved ??= `json: cannot unmarshal ${kind} into Go struct field ${fieldPath} of type string`;
        break;
      case 'map':
        if (kind === 'null') into[name] = null;
        else if (kind === 'object') into[name] = { ...((into[name] as Record<string, unknown> | null) ?? {}), ...(val as Record<string, unknown>) };
        else ctx.saved ??= `json: cannot unmarshal ${kind} into Go struct field ${fieldPath} of type ${GO_TYPE.map}`;
        break;
      case 'time': {
        if (kind === 'null') break;
        if (kind !== 'string') {
          ctx.fatal ??= 'Time.UnmarshalJSON: input is not a JSON string';
          return;
        }
        const r = type.parse(jsonString(val as string, false));
        if (!r.ok) {
          ctx.fatal ??= r.error;
          return;
        }
        into[name] = r.value;
        break;
      }
      case 'slice':
        if (kind === 'null') into[name] = [];
        else if (kind !== 'array') ctx.saved ??= `json: cannot unmarshal ${kind} into Go struct field ${fieldPath} of type []${type.of.typeName}`;
        else {
          into[name] = (val as unknown[]).map((el, i) => {
            const o: Record<string, unknown> = {};
            decodeStruct(type.of, el, o, fieldPath, ctx, false);
            void i;
            return o;
          });
        }
        break;
    }
    if (ctx.fatal) return;
  }
}

/** Decodes the first JSON value of `body` into a struct with the given zero value. */
export function decodeInto(schema: StructSchema, body: Uint8Array, zero: Record<string, unknown>): DecodeOutcome {
  const r = jsonDecode(body);
  if (!r.ok) return { ok: false, error: r.error };
  const out = { ...zero };
  const ctx: Ctx = {};
  decodeStruct(schema, r.value, out, schema.structName, ctx, true);
  if (ctx.fatal) return { ok: false, error: ctx.fatal };
  if (ctx.saved) return { ok: false, error: ctx.saved };
  return { ok: true, value: out };
}

export const RESPONSE_SCHEMA: StructSchema = {
  typeName: 'codersdk.Response',
  structName: 'Response',
  fields: [
    ['message', { kind: 'string' }],
    ['detail', { kind: 'string' }],
    [
      'validations',
      { kind: 'slice', of: { typeName: 'codersdk.ValidationError', structName: 'ValidationError', fields: [['field', { kind: 'string' }], ['detail', { kind: 'string' }]] } },
    ],
  ],
};

export const AUTHENTICATE_RESPONSE_SCHEMA: StructSchema = {
  typeName: 'agentsdk.AuthenticateResponse',
  structName: 'AuthenticateResponse',
  fields: [['session_token', { kind: 'string' }]],
};
