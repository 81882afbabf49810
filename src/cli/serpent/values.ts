// serpent option value types (String, URL, Bool, Enum, StringArray): how each one Sets a text value
// (from a flag or an env var) and the exact Go error text when it rejects it.
import { csvReadRecord, foldName, formatSliceV, parseURL, quote, type GoURL, type GoURLVersion } from '../../go/index.ts';

export type ValueKind =
  | { kind: 'string' }
  | { kind: 'url'; go: GoURLVersion }
  | { kind: 'bool' }
  | { kind: 'enum'; choices: string[] }
  | { kind: 'string-array' };

export type StoredValue = string | boolean | GoURL | string[] | undefined;

export type SetResult = { ok: true; value: StoredValue } | { ok: false; error: string };

/** The type word the help shows after the flag (serpent Value.Type()). */
export function typeName(v: ValueKind): string {
  switch (v.kind) {
    case 'enum':
      return v.choices.join('|');
    default:
      return v.kind;
  }
}

/** Go strconv.ParseBool. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/**
 * Go strings.EqualFold(s, choice) for an ASCII choice (every enum here is ASCII): Unicode simple case
 * folding, so besides ASCII case U+017F (long s) matches `s` and U+212A (Kelvin sign) `k` (`--output jſon`
 * is accepted by real builds); no other non-ASCII rune folds to ASCII. JavaScript's toLowerCase and
 * toUpperCase are not simple folding (`ſ`.toUpperCase() is `S`, but `ſ`.toLowerCase() stays `ſ`).
 */
function equalFoldASCII(s: string, choice: string): boolean {
  return foldName(s) === foldName(choice);
}

/** Value.Set(s): the new stored value, or the error text serpent/pflag would wrap. */
export function setValue(kind: ValueKind, current: StoredValue, s: string): SetResult {
  switch (kind.kind) {
    case 'string':
      return { ok: true, value: s };
    case 'url': {
      const r = parseURL(s, { go: kind.go });
      return r.ok ? { ok: true, value: r.url } : { ok: false, error: r.error };
    }
    case 'bool': {
      if (s === '') return { ok: true, value: false };
      const b = parseGoBool(s);
      if (b === undefined) return { ok: false, error: `strconv.ParseBool: parsing ${quote(s)}: invalid syntax` };
      return { ok: true, value: b };
    }
    case 'enum': {
      for (const c of kind.choices) if (equalFoldASCII(s, c)) return { ok: true, value: s };
      return { ok: false, error: `invalid choice: ${s}, should be one of ${formatSliceV(kind.choices)}` };
    }
    case 'string-array': {
      // serpent StringArray.Set: "" resets to nil; otherwise the first CSV record (encoding/csv), appended.
      if (s === '') return { ok: true, value: [] };
      const r = csvReadRecord(s);
      if (!r.ok) return { ok: false, error: r.error };
      const prev = Array.isArray(current) ? current : [];
      return { ok: true, value: [...prev, ...r.record] };
    }
  }
}
