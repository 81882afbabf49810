// Decoding JSON into a Go struct, the one implementation for the reference CLI and the simulator:
// json.NewDecoder(body).Decode(&v) (the first value, trailing bytes ignored) or json.Unmarshal(data, &v)
// (the whole input must be one value), walking the members in document order like encoding/json
// (duplicates included: a later one wins), keys matched exactly then case-insensitively (foldName:
// ſ matches s, K matches k), unknown keys skipped without any check of their values, null leaves a field
// alone, a second object for a map field adds to the same map, the first type mismatch reported as Go's
// UnmarshalTypeError text (decoding goes on), int64 from the number's literal text, time.Time via its
// UnmarshalJSON on the raw bytes (its error stops decoding).
import { checkValid, scanFirstValue } from './decode.ts';
import { jsonDecodeTree, treeOf, type JsonNode } from './tree.ts';
import { utf8Encode } from '../utf8.ts';
import { decodeSliceInto } from './slice.ts';

export type GoFieldType =
  | { kind: 'string' }
  | { kind: 'int64' }
  | { kind: 'map' }
  | { kind: 'time'; parse: (jsonText: string | Uint8Array) => { ok: true; value: unknown } | { ok: false; error: string } }
  | { kind: 'slice'; of: GoStructType };

export interface GoStructType {
  /** Go type name for top-level errors, e.g. `agentsdk.ExternalAuthResponse`. */
  typeName: string;
  /** The struct name used in field errors, e.g. `ExternalAuthResponse`. */
  structName: string;
  /** JSON names (as tagged) and types, in struct order. */
  fields: [jsonName: string, type: GoFieldType][];
}

export type StructDecodeResult = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

export interface StructDecodeOptions {
  /** The struct's starting value; by default every field's zero value ("" for string, 0n for int64 (a bigint), null otherwise). */
  zero?: Record<string, unknown>;
}

const GO_TYPE: Record<string, string> = { string: 'string', int64: 'int64', map: 'map[string]interface {}', time: 'time.Time' };

/**
 * encoding/json foldName (and strings.EqualFold) against our ASCII field names: every rune folds to the
 * smallest rune of its simple-fold orbit, so besides ASCII case only U+017F (long s) reaches `s` and
 * U+212A (Kelvin sign) reaches `k`; any other non-ASCII rune never matches an ASCII name.
 */
export function foldName(name: string): string {
  return name
    .replace(/\u017f/g, 's')
    .replace(/\u212a/g, 'k')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function findField(type: GoStructType, key: string): [string, GoFieldType] | undefined {
  return type.fields.find(([n]) => n === key) ?? type.fields.find(([n]) => foldName(n) === foldName(key));
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

const kindOf = (n: JsonNode): string => n.kind;

/** UnmarshalTypeError.Error() with the decoder's context added (addErrorContext). */
function typeError(value: string, goType: string, ec: ErrCtx | undefined): string {
  if (ec && (ec.struct !== '' || ec.fields.length > 0))
    return `json: cannot unmarshal ${value} into Go struct field ${ec.struct}.${ec.fields.join('.')} of type ${goType}`;
  return `json: cannot unmarshal ${value} into Go value of type ${goType}`;
}

function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * A value decoded into interface{}: numbers that do not fit a float64 are saved as errors in context.
 * Iterative (an explicit stack of the containers being filled, visited in document order so that the
 * first error saved is Go's): Go decodes up to 10000 levels, more than V8's stack holds recursing.
 */
function toInterface(n: JsonNode, ctx: Ctx, ec: ErrCtx): unknown {
  type Filling =
    | { node: JsonNode & { kind: 'object' }; out: Record<string, unknown>; next: number }
    | { node: JsonNode & { kind: 'array' }; out: unknown[]; next: number };
  const stack: Filling[] = [];
  /** The value of m: a scalar, or an empty container, filled later from the stack. */
  const start = (m: JsonNode): unknown => {
    switch (m.kind) {
      case 'object': {
        const out: Record<string, unknown> = {};
        stack.push({ node: m, out, next: 0 });
        return out;
      }
      case 'array': {
        const out: unknown[] = [];
        stack.push({ node: m, out, next: 0 });
        return out;
      }
      case 'number':
        if (!Number.isFinite(m.value)) {
          ctx.saved ??= typeError(`number ${m.raw}`, 'float64', ec);
          return null;
        }
        return m.value;
      case 'string':
      case 'bool':
        return m.value;
      case 'null':
        return null;
    }
  };
  const value = start(n);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.node.kind === 'object') {
      if (top.next === top.node.members.length) stack.pop();
      else {
        const [k, v] = top.node.members[top.next++];
        setKey(top.out as Record<string, unknown>, k, start(v));
      }
    } else if (top.next === top.node.elements.length) stack.pop();
    else (top.out as unknown[]).push(start(top.node.elements[top.next++]));
  }
  return value;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function zeroOf(type: GoStructType): Record<string, unknown> {
  return Object.fromEntries(type.fields.map(([name, t]) => [name, t.kind === 'string' ? '' : t.kind === 'int64' ? 0n : null]));
}

/** An int64 field into a bigint (every int64 exactly). The simulator's JWT claims have them; no struct of the CLI does. */
function decodeInt64(val: JsonNode, kind: string, name: string, into: Record<string, unknown>, fec: ErrCtx, ctx: Ctx): void {
  if (val.kind === 'null') return;
  if (val.kind !== 'number') {
    ctx.saved ??= typeError(kind, 'int64', fec);
    return;
  }
  const n = /^-?[0-9]+$/.test(val.raw) ? BigInt(val.raw) : undefined;
  if (n !== undefined && n >= INT64_MIN && n <= INT64_MAX) into[name] = n;
  else ctx.saved ??= typeError(`number ${val.raw}`, 'int64', fec);
}

function decodeStruct(type: GoStructType, n: JsonNode, into: Record<string, unknown>, ec: ErrCtx | undefined, ctx: Ctx): void {
  if (n.kind === 'null') return;
  if (n.kind !== 'object') {
    ctx.saved ??= typeError(kindOf(n), type.typeName, ec);
    return;
  }
  for (const [key, val] of n.members) {
    const f = findField(type, key);
    if (!f) continue;
    const [name, ftype] = f;
    const fec: ErrCtx = { struct: type.structName, fields: [...(ec?.fields ?? []), name] };
    const kind = kindOf(val);
    switch (ftype.kind) {
      case 'string':
        if (val.kind === 'string') into[name] = val.value;
        else if (kind !== 'null') ctx.saved ??= typeError(kind, 'string', fec);
        break;
      case 'int64':
        decodeInt64(val, kind, name, into, fec, ctx);
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
        const r = ftype.parse(val.bytes);
        if (!r.ok) {
          ctx.fatal ??= r.error;
          return;
        }
        into[name] = r.value;
        break;
      }
      case 'slice':
        if (val.kind === 'null') into[name] = [];
        else if (val.kind !== 'array') ctx.saved ??= typeError(kind, `[]${ftype.of.typeName}`, fec);
        else {
          // A repeated key decodes into the elements the slice already holds (Go reuses them).
          into[name] = decodeSliceInto(
            into[name] as Record<string, unknown>[] | null,
            val.elements.length,
            () => zeroOf(ftype.of),
            (o, i) => decodeStruct(ftype.of, val.elements[i], o, fec, ctx),
          );
        }
        break;
    }
    if (ctx.fatal) return;
  }
}

/** Go's json.NewDecoder(r).Decode(&v) into a struct of this type (the first value), starting from `zero`. */
export function decodeGoStruct(type: GoStructType, input: string | Uint8Array, opts: StructDecodeOptions = {}): StructDecodeResult {
  const b = typeof input === 'string' ? utf8Encode(input) : input;
  const r = jsonDecodeTree(b);
  if (!r.ok) return { ok: false, error: r.error };
  return decodeNode(type, r.node, opts);
}

/** Go's json.Unmarshal(data, &v) into a struct of this type (the whole input one value, its error texts). */
export function unmarshalGoStruct(type: GoStructType, input: string | Uint8Array, opts: StructDecodeOptions = {}): StructDecodeResult {
  const b = typeof input === 'string' ? utf8Encode(input) : input;
  const err = checkValid(b);
  if (err !== null) return { ok: false, error: err };
  const found = scanFirstValue(b);
  if ('error' in found) return { ok: false, error: found.error };
  return decodeNode(type, treeOf(b, found.start, found.end), opts);
}

function decodeNode(type: GoStructType, node: JsonNode, opts: StructDecodeOptions): StructDecodeResult {
  const out = { ...(opts.zero ?? zeroOf(type)) };
  const ctx: Ctx = {};
  decodeStruct(type, node, out, undefined, ctx);
  if (ctx.fatal) return { ok: false, error: ctx.fatal };
  if (ctx.saved) return { ok: false, error: ctx.saved };
  return { ok: true, value: out };
}
