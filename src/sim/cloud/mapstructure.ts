// mitchellh/mapstructure (v1.5) decoding of JWT claims into coderd's struct
// `{google: {compute_engine: {instance_id string}}}`: key matching (exact, then case-insensitive),
// null = left unset, and the library's error texts for values of the wrong type.
import { foldName, formatFloatG } from '../../go/index.ts';

export type ClaimsResult = { ok: true; instanceId: string } | { ok: false; error: string };

/** Go reflect type name of a value decoded by encoding/json into interface{}. */
function goTypeName(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'map[string]interface {}';
  }
}

/** Go reflect Kind name (used by "expected a map"): the type name, but `slice` and `map` for containers. */
function goKindName(v: unknown): string {
  if (Array.isArray(v)) return 'slice';
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? goTypeName(v) : 'map';
}

/** Go fmt %v of a JSON-decoded value. */
export function goFormatV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormatV).join(' ')}]`;
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return formatFloatG(v);
    case 'boolean':
      return String(v);
    default: {
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      return `map[${keys.map((k) => `${k}:${goFormatV(obj[k])}`).join(' ')}]`;
    }
  }
}

function lookup(map: Record<string, unknown>, field: string): unknown {
  if (Object.hasOwn(map, field)) return map[field];
  const key = Object.keys(map).find((k) => foldName(k) === foldName(field));
  return key === undefined ? undefined : map[key];
}

const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

function wrap(error: string): string {
  return `1 error(s) decoding:\n\n* ${error}`;
}

/** mapstructure.Decode(claims, &struct{Google struct{ComputeEngine struct{InstanceID string}}}). */
export function decodeComputeEngineInstanceId(claims: Record<string, unknown>): ClaimsResult {
  const google = lookup(claims, 'google');
  if (google === undefined || google === null) return { ok: true, instanceId: '' };
  if (!isMap(google)) return { ok: false, error: wrap(`'google' expected a map, got '${goKindName(google)}'`) };
  const ce = lookup(google as Record<string, unknown>, 'compute_engine');
  if (ce === undefined || ce === null) return { ok: true, instanceId: '' };
  if (!isMap(ce)) return { ok: false, error: wrap(`'google.compute_engine' expected a map, got '${goKindName(ce)}'`) };
  const id = lookup(ce as Record<string, unknown>, 'instance_id');
  if (id === undefined || id === null) return { ok: true, instanceId: '' };
  if (typeof id === 'string') return { ok: true, instanceId: id };
  return {
    ok: false,
    error: wrap(`'google.compute_engine.instance_id' expected type 'string', got unconvertible type '${goTypeName(id)}', value: '${goFormatV(id)}'`),
  };
}
