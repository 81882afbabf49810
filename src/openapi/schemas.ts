// Compiles contract schemas into ajv (JSON Schema 2020-12) validators for one
// upstream revision. Applies `x-coder-since` on object properties: in responses
// a property is required from its revision on and must be absent before it; in
// requests it is simply unknown (ignored by older servers) before its revision.
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { contractDocument, resolveRef, type JsonObject, type OpenApiDocument } from './contract.ts';
import { revisionAtLeast, type ContractRevision } from './revision.ts';

// ajv and ajv-formats are CommonJS; under NodeNext the default import is module.exports.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as unknown as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as typeof addFormatsModule.default;

export type Direction = 'request' | 'response';
export type { ErrorObject, ValidateFunction };

/** Marks a property schema that must be absent in the validated revision (used in messages). */
export const ABSENT_MARKER = 'x-coder-absent-before';

const bundleId = (direction: Direction) => `urn:coder-contract:${direction}`;

function transform(node: unknown, revision: ContractRevision, direction: Direction, doc: OpenApiDocument): unknown {
  if (Array.isArray(node)) return node.map((n) => transform(n, revision, direction, doc));
  if (!node || typeof node !== 'object') return node;
  const src = node as JsonObject;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(src)) {
    if (key === '$ref' && typeof value === 'string') {
      const prefix = '#/components/schemas/';
      if (!value.startsWith(prefix)) throw new Error(`schema $ref outside components/schemas: ${value}`);
      out.$ref = `${bundleId(direction)}#/$defs/${value.slice(prefix.length)}`;
    } else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = transform(value, revision, direction, doc);
    } else {
      out[key] = transform(value, revision, direction, doc);
    }
  }
  if (src.properties && typeof src.properties === 'object') {
    const props = out.properties as JsonObject;
    const required = new Set(Array.isArray(src.required) ? (src.required as string[]) : []);
    for (const [name, propSchema] of Object.entries(src.properties as JsonObject)) {
      const own = (propSchema as JsonObject)['x-coder-since'];
      const since = typeof own === 'string' ? own : resolveRef<JsonObject>(propSchema, doc)['x-coder-since'];
      if (typeof since !== 'string') continue;
      if (revisionAtLeast(revision, since)) {
        if (direction === 'response') required.add(name);
      } else if (direction === 'response') {
        props[name] = { not: {}, [ABSENT_MARKER]: since };
        required.delete(name);
      } else {
        delete props[name];
        required.delete(name);
      }
    }
    if (required.size > 0) out.required = [...required];
    else delete out.required;
  }
  return out;
}

function newAjv(coerce: boolean) {
  const ajv = new Ajv2020({
    strict: true,
    allowUnionTypes: true,
    allErrors: true,
    verbose: true,
    coerceTypes: coerce,
  });
  addFormats(ajv);
  ajv.addVocabulary(['example', 'x-coder-since', ABSENT_MARKER]);
  return ajv;
}

export interface SchemaCompiler {
  revision: ContractRevision;
  /** Validator for a schema taken from the contract (inline, or with `#/components/schemas` refs). */
  compile(schema: unknown, direction: Direction): ValidateFunction;
  /** Like `compile`, but coerces strings to the schema's type (for header/query/path/cookie values). */
  compileParameter(schema: unknown, direction: Direction): ValidateFunction;
}

export function createSchemaCompiler(revision: ContractRevision, doc: OpenApiDocument = contractDocument): SchemaCompiler {
  const plain = newAjv(false);
  const coercing = newAjv(true);
  const schemas = (doc.components.schemas ?? {}) as JsonObject;
  for (const direction of ['request', 'response'] as const) {
    const bundle = { $id: bundleId(direction), $defs: transform(schemas, revision, direction, doc) };
    plain.addSchema(bundle);
    coercing.addSchema(bundle);
  }
  const caches = new Map<string, WeakMap<object, ValidateFunction>>();
  const compileWith = (ajv: typeof plain, tag: string, schema: unknown, direction: Direction): ValidateFunction => {
    if (typeof schema === 'boolean') return ajv.compile(schema);
    if (!schema || typeof schema !== 'object') throw new Error(`not a schema: ${JSON.stringify(schema)}`);
    const key = `${tag}:${direction}`;
    let cache = caches.get(key);
    if (!cache) caches.set(key, (cache = new WeakMap()));
    let fn = cache.get(schema);
    if (!fn) {
      fn = ajv.compile(transform(schema, revision, direction, doc) as JsonObject);
      cache.set(schema, fn);
    }
    return fn;
  };
  return {
    revision,
    compile: (schema, direction) => compileWith(plain, 'plain', schema, direction),
    compileParameter: (schema, direction) => compileWith(coercing, 'coerce', schema, direction),
  };
}

/**
 * One readable line per ajv error: `<where> at /json/pointer: <problem>` (`<where>: <problem>` at
 * the root). Never echoes the data: it may be a token. `dropPrefix` strips a wrapper property
 * from pointers (parameters are validated as `{ value }`).
 */
export function formatSchemaErrors(where: string, errors: ErrorObject[] | null | undefined, dropPrefix = ''): string[] {
  if (!errors) return [];
  const lines: string[] = [];
  for (const e of errors) {
    const params = e.params as Record<string, unknown>;
    let pointer = dropPrefix && e.instancePath.startsWith(dropPrefix) ? e.instancePath.slice(dropPrefix.length) : e.instancePath;
    let problem = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      pointer = `${pointer}/${jsonPointerSegment(String(params.missingProperty))}`;
      problem = 'is required but missing';
    } else if (e.keyword === 'not' && e.parentSchema && typeof (e.parentSchema as JsonObject)[ABSENT_MARKER] === 'string') {
      problem = `must be absent before revision ${(e.parentSchema as JsonObject)[ABSENT_MARKER] as string}`;
    } else if (e.keyword === 'enum') {
      problem = `must be one of ${JSON.stringify(params.allowedValues)}`;
    } else if (e.keyword === 'const') {
      problem = `must be ${JSON.stringify(params.allowedValue)}`;
    }
    lines.push(`${where}${pointer === '' ? '' : ` at ${pointer}`}: ${problem}`);
  }
  return [...new Set(lines)];
}

/** One JSON Pointer reference token (RFC 6901): `~` → `~0`, `/` → `~1`. */
export function jsonPointerSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
