// Go encoding/json decoding into interface{}: json.NewDecoder(r).Decode(&v) (first value of a stream)
// and json.Unmarshal (whole document), with Go's exact error texts.
import { utf8Encode } from '../utf8.ts';
import { Scan, Scanner, isJSONSpace, skipStringBytes } from './scanner.ts';
import { buildValue } from './value.ts';

export type DecodeResult = { ok: true; value: unknown; rest: string } | { ok: false; error: string };

export type JsonKind = 'string' | 'number' | 'object' | 'array' | 'bool' | 'null';

function toBytes(text: string | Uint8Array): Uint8Array {
  return typeof text === 'string' ? utf8Encode(text) : text;
}

function bytesToText(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}

/**
 * Where Go's Decoder finds the first value: `{ start, end }` byte offsets, or Go's error text.
 * start is after leading white space; end is right after the value's last byte.
 */
export function scanFirstValue(b: Uint8Array): { start: number; end: number } | { error: string } {
  const s = new Scanner();
  let start = -1;
  for (let i = 0; i < b.length; i++) {
    i = skipStringBytes(s, b, i);
    if (i >= b.length) break;
    const code = s.step(s, b[i]);
    if (start < 0 && code !== Scan.SkipSpace) start = i;
    switch (code) {
      case Scan.End:
        return { start, end: i };
      case Scan.EndObject:
      case Scan.EndArray:
        if (s.parseState.length === 0) return { start, end: i + 1 };
        break;
      case Scan.Error:
        return { error: s.err ?? 'invalid JSON' };
    }
  }
  if (s.step(s, 0x20) === Scan.End) return { start, end: b.length };
  return { error: b.some((c) => !isJSONSpace(c)) ? 'unexpected EOF' : 'EOF' };
}

/** json.NewDecoder(r).Decode(&v) with v interface{}: the first value; trailing bytes are returned in `rest`. */
export function jsonDecode(text: string | Uint8Array): DecodeResult {
  const b = toBytes(text);
  const found = scanFirstValue(b);
  if ('error' in found) return { ok: false, error: found.error };
  const { value, saved } = buildValue(b, found.start, found.end);
  if (saved !== null) return { ok: false, error: saved };
  return { ok: true, value, rest: bytesToText(b.subarray(found.end)) };
}

/** Go's checkValid: the whole input must be exactly one JSON value (white space allowed around it). */
export function checkValid(b: Uint8Array): string | null {
  const s = new Scanner();
  for (let i = 0; i < b.length; i++) {
    i = skipStringBytes(s, b, i);
    if (i >= b.length) break;
    if (s.step(s, b[i]) === Scan.Error) return s.err;
  }
  return s.eof() === Scan.Error ? s.err : null;
}

/** json.Unmarshal(data, &v) with v interface{}. `rest` is always "". */
export function jsonUnmarshal(text: string | Uint8Array): DecodeResult {
  const b = toBytes(text);
  const err = checkValid(b);
  if (err !== null) return { ok: false, error: err };
  const { value, saved } = buildValue(b, 0, b.length);
  if (saved !== null) return { ok: false, error: saved };
  return { ok: true, value, rest: '' };
}

/** The word Go's UnmarshalTypeError uses for a decoded JSON value: `cannot unmarshal <kind> into ...`. */
export function goJsonKind(v: unknown): JsonKind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'object';
  }
}
