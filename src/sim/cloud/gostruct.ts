// Go json.Unmarshal into a small flat struct (string and int64 fields), on top of src/go's
// interface{} decoder: syntax errors first, then Go's UnmarshalTypeError texts (numbers quoted as
// written), case-insensitive key matching, members applied in document order (a later duplicate
// wins), null leaves a field unchanged. Enough for the documents the verifiers read.
import { goJsonKind, jsonUnmarshal, utf8Encode } from '../../go/index.ts';

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

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** End (exclusive) of the JSON string starting at b[i] === '"'. Input is known to be valid. */
function stringEnd(b: Uint8Array, i: number): number {
  for (let j = i + 1; j < b.length; j++) {
    if (b[j] === 0x5c) j++;
    else if (b[j] === 0x22) return j + 1;
  }
  return b.length;
}

/** End (exclusive) of the JSON value starting at b[i]. Input is known to be valid. */
function valueEnd(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c === 0x22) return stringEnd(b, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let j = i; j < b.length; j++) {
      if (b[j] === 0x22) j = stringEnd(b, j) - 1;
      else if (b[j] === 0x7b || b[j] === 0x5b) depth++;
      else if (b[j] === 0x7d || b[j] === 0x5d) {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return b.length;
  }
  let j = i;
  while (j < b.length && !isSpace(b[j]) && b[j] !== 0x2c && b[j] !== 0x7d && b[j] !== 0x5d) j++;
  return j;
}

/** The members of a valid top-level JSON object, in order, as raw key and value bytes. */
function objectMembers(b: Uint8Array): { key: Uint8Array; value: Uint8Array }[] {
  const out: { key: Uint8Array; value: Uint8Array }[] = [];
  let i = 0;
  const skip = () => {
    while (i < b.length && isSpace(b[i])) i++;
  };
  skip();
  i++; // {
  for (;;) {
    skip();
    if (b[i] === 0x7d) return out;
    const kEnd = stringEnd(b, i);
    const key = b.subarray(i, kEnd);
    i = kEnd;
    skip();
    i++; // :
    skip();
    const vEnd = valueEnd(b, i);
    out.push({ key, value: b.subarray(i, vEnd) });
    i = vEnd;
    skip();
    if (b[i] === 0x2c) i++;
    else return out;
  }
}

/**
 * Go's case-insensitive name match (encoding/json foldName, strings.EqualFold) against ASCII names:
 * every rune folds to the smallest rune of its simple-fold orbit, so besides ASCII case only U+017F
 * (long s) reaches `s` and U+212A (Kelvin sign) reaches `k`; any other non-ASCII rune never matches.
 */
export function goFoldASCII(s: string): string {
  return s.replace(/[\u017f\u212a]/g, (c) => (c === '\u017f' ? 's' : 'k')).replace(/[A-Z]/g, (c) => c.toLowerCase());
}
const fold = goFoldASCII;

/** Decode a fragment already validated as part of the whole document. */
function fragment(b: Uint8Array): unknown {
  const r = jsonUnmarshal(b);
  return r.ok ? r.value : null;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function fieldError(kind: string, st: GoStruct, key: string, type: GoFieldType): string {
  return `json: cannot unmarshal ${kind} into Go struct field ${st.name}.${key} of type ${type}`;
}

export function goUnmarshalStruct(text: string | Uint8Array, st: GoStruct): StructResult {
  const bytes = typeof text === 'string' ? utf8Encode(text) : text;
  const decoded = jsonUnmarshal(bytes);
  if (!decoded.ok) return { ok: false, error: decoded.error };
  const fields: Record<string, string | number> = {};
  for (const [key, type] of Object.entries(st.fields)) fields[key] = type === 'string' ? '' : 0;
  if (decoded.value === null) return { ok: true, fields, value: {} };
  const kind = goJsonKind(decoded.value);
  if (kind !== 'object') return { ok: false, error: `json: cannot unmarshal ${kind} into Go value of type ${st.qualifiedName}` };
  const names = Object.keys(st.fields);
  let firstError: string | undefined;
  for (const member of objectMembers(bytes)) {
    const rawKey = String(fragment(member.key));
    const key = names.find((k) => k === rawKey) ?? names.find((k) => fold(k) === fold(rawKey));
    if (key === undefined) continue;
    const item = fragment(member.value);
    if (item === null) continue;
    const type = st.fields[key];
    const itemKind = goJsonKind(item);
    if (type === 'string') {
      if (itemKind === 'string') fields[key] = item as string;
      else firstError ??= fieldError(itemKind, st, key, type);
      continue;
    }
    if (itemKind !== 'number') {
      firstError ??= fieldError(itemKind, st, key, type);
      continue;
    }
    const literal = new TextDecoder().decode(member.value);
    const n = /^-?[0-9]+$/.test(literal) ? BigInt(literal) : undefined;
    if (n !== undefined && n >= INT64_MIN && n <= INT64_MAX) fields[key] = Number(n);
    else firstError ??= fieldError(`number ${literal}`, st, key, type);
  }
  if (firstError !== undefined) return { ok: false, error: firstError };
  return { ok: true, fields, value: decoded.value as Record<string, unknown> };
}
