// Go json.NewDecoder(body).Decode(&structValue) for the few agentsdk/codersdk structs, walking the members
// in document order like encoding/json (duplicates included): the first JSON value (trailing bytes
// ignored), keys matched exactly then case-insensitively (Go's fold: ſ matches s, K matches k), unknown
// keys skipped without any check of their values, null leaves a field alone, a second object for a map
// field adds to the same map, the first type mismatch reported as Go's UnmarshalTypeError text (decoding
// goes on), time.Time via its UnmarshalJSON on the raw bytes (its error stops decoding).
import { jsonDecodeTree, type JsonNode } from '../../go/index.ts';

export type FieldType =
  | { kind: 'string' }
  | { kind: 'map' }
  | { kind: 'time'; parse: (jsonText: string | Uint8Array) => { ok: true; value: unknown } | { ok: false; error: string } }
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

/** encoding/json foldName for our ASCII field names: ASCII case, plus U+017F ſ ~ s and U+212A K ~ k. */
function fold(name: string): string {
  return name.replace(/\u017f/g, 's').replace(/\u212a/g, 'k').replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function findField(schema: StructSchema, key: string): [string, FieldType] | undefined {
  return schema.fields.find(([n]) => n === key) ?? schema.fields.find(([n]) => fold(n) === fold(key));
}

/** Go's errorContext: the innermost struct entered and the stack of field names. */
interface ErrCtx {
  struct: string;
  fields: string[];
}

interface Ctx {
  saved?: string;
  fatal?: string;
}

const kindOf = (n: JsonNode): string => (n.kind === 'bool' ? 'bool' : n.kind);

/** UnmarshalTypeError.Error() with the decoder's context added (addErrorContext). */
function typeError(value: string, goType: string, ec: ErrCtx | undefined): string {
  if (ec && (ec.struct !== '' || ec.fields.length > 0)) return `json: cannot unmarshal ${value} into Go struct field ${ec.struct}.${ec.fields.join('.')} of type ${goType}`;
  return `json: cannot unmarshal ${value} into Go value of type ${goType}`;
}

function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** A value decoded into interface{}: numbers that do not fit a float64 are saved as errors in context. */
function toInterface(n: JsonNode, ctx: Ctx, ec: ErrCtx): unknown {
  switch (n.kind) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of n.members) setKey(o, k, toInterface(v, ctx, ec));
      return o;
    }
    case 'array':
      return n.elements.map((e) => toInterface(e, ctx, ec));
    case 'number':
      if (!Number.isFinite(n.value)) {
        ctx.saved ??= typeError(`number ${n.raw}`, 'float64', ec);
        return null;
      }
      return n.value;
    case 'string':
    case 'bool':
      return n.value;
    case 'null':
      return null;
  }
}

function decodeStruct(schema: StructSchema, n: JsonNode, into: Record<string, unknown>, ec: ErrCtx | undefined, ctx: Ctx): void {
  if (n.kind === 'null') return;
  if (n.kind !== 'object') {
    ctx.saved ??= typeError(kindOf(n), schema.typeName, ec);
    return;
  }
  for (const [key, val] of n.members) {
    const f = findField(schema, key);
    if (!f) continue;
    const [name, type] = f;
    const fec: ErrCtx = { struct: schema.structName, fields: [...(ec?.fields ?? []), name] };
    const kind = kindOf(val);
    switch (type.kind) {
      case 'string':
        if (val.kind === 'string') into[name] = val.value;
        else if (kind !== 'null') ctx.saved ??= typeError(kind, 'string', fec);
        break;
      case 'map':
        if (val.kind === 'null') into[name] = null;
        else if (val.kind === 'object') {
          const m = (into[name] as Record<string, unknown> | null) ?? {};
          for (const [k, v] of val.members) setKey(m, k, toInterface(v, ctx, fec));
          into[name] = m;
        } else ctx.saved ??= typeError(kind, GO_TYPE.map, fec);
        break;
      case 'time': {
        if (val.kind === 'null') break;
        const r = type.parse(val.bytes);
        if (!r.ok) {
          ctx.fatal ??= r.error;
          return;
        }
        into[name] = r.value;
        break;
      }
      case 'slice':
        if (val.kind === 'null') into[name] = [];
        else if (val.kind !== 'array') ctx.saved ??= typeError(kind, `[]${type.of.typeName}`, fec);
        else {
          into[name] = val.elements.map((el) => {
            const o: Record<string, unknown> = {};
            for (const [fname, ftype] of type.of.fields) o[fname] = ftype.kind === 'string' ? '' : null;
            decodeStruct(type.of, el, o, fec, ctx);
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
  const r = jsonDecodeTree(body);
  if (!r.ok) return { ok: false, error: r.error };
  const out = { ...zero };
  const ctx: Ctx = {};
  decodeStruct(schema, r.node, out, undefined, ctx);
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
