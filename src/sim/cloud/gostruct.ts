// Go json.Unmarshal into a small flat struct (string and int64 fields), on top of src/go's
// interface{} decoder: syntax errors first, then Go's UnmarshalTypeError texts, case-insensitive
// key matching, null leaves a field unchanged. Enough for the documents the verifiers read.
// Known approximation: an int64 field is judged on the decoded number, not on its literal, so
// `1e3` or `1.0` are accepted (Go refuses them) and a refused number is printed Go-%g-style
// rather than as written.
import { formatFloat, goJsonKind, jsonUnmarshal } from '../../go/index.ts';

export type GoFieldType = 'string' | 'int64';

export interface GoStruct {
  /** Qualified type name used when the top-level value has the wrong kind, e.g. `idtoken.Payload`. */
  qualifiedName: string;
  /** Short name used in field errors, e.g. `Payload`. */
  name: string;
  /** JSON key (as tagged) → field type. */
  fields: Record<string, GoFieldType>;
}

export type StructResult =
  | { ok: true; fields: Record<string, string | number>; value: Record<string, unknown> }
  | { ok: false; error: string };

/** Go's foldName equivalence for ASCII keys (Go also folds a few Unicode letters; not needed here). */
const fold = (s: string) => s.toLowerCase();

function fieldError(kind: string, st: GoStruct, key: string, type: GoFieldType): string {
  return `json: cannot unmarshal ${kind} into Go struct field ${st.name}.${key} of type ${type}`;
}

export function goUnmarshalStruct(text: string | Uint8Array, st: GoStruct): StructResult {
  const decoded = jsonUnmarshal(text);
  if (!decoded.ok) return { ok: false, error: decoded.error };
  const v = decoded.value;
  const fields: Record<string, string | number> = {};
  for (const [key, type] of Object.entries(st.fields)) fields[key] = type === 'string' ? '' : 0;
  if (v === null) return { ok: true, fields, value: {} };
  const kind = goJsonKind(v);
  if (kind !== 'object') return { ok: false, error: `json: cannot unmarshal ${kind} into Go value of type ${st.qualifiedName}` };
  const obj = v as Record<string, unknown>;
  let firstError: string | undefined;
  for (const [rawKey, item] of Object.entries(obj)) {
    const key = Object.keys(st.fields).find((k) => k === rawKey) ?? Object.keys(st.fields).find((k) => fold(k) === fold(rawKey));
    if (key === undefined || item === null) continue;
    const type = st.fields[key];
    const itemKind = goJsonKind(item);
    if (type === 'string') {
      if (itemKind === 'string') fields[key] = item as string;
      else firstError ??= fieldError(itemKind, st, key, type);
    } else if (itemKind === 'number') {
      const n = item as number;
      if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) fields[key] = n;
      else firstError ??= fieldError(`number ${formatFloat(n, 'g', -1)}`, st, key, type);
    } else {
      firstError ??= fieldError(itemKind, st, key, type);
    }
  }
  if (firstError !== undefined) return { ok: false, error: firstError };
  return { ok: true, fields, value: obj };
}
