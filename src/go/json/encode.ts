// Go encoding/json Marshal / MarshalIndent / Encoder.Encode of decoded values.
// Plain objects are Go maps (keys sorted by UTF-8 byte order), a JS Map is a Go struct (insertion order),
// arrays are slices, numbers float64, strings are Go strings (lone surrogates → \ufffd).
// Objects implementing GoJSONMarshaler (e.g. GoTime) supply their own JSON text, like json.Marshaler.
import { compactHTML } from './compact.ts';
import { compareUTF8 } from '../utf8.ts';
import { formatFloatJSON } from '../float.ts';
import { indentJSON } from './indent.ts';

export interface MarshalOptions {
  /** Escape `<`, `>`, `&` as \u003c \u003e \u0026 (Go's default, true). */
  escapeHTML?: boolean;
}

/**
 * A value that marshals itself, like Go's json.Marshaler: returns valid compact JSON, or throws an Error
 * whose message is the Go error's text. goType names the Go type in json.MarshalerError's text.
 */
export interface GoJSONMarshaler {
  readonly goType: string;
  marshalGoJSON(): string;
}

/** Go's *json.MarshalerError: a Marshaler's error, as json.Marshal returns it. */
export class MarshalerError extends Error {
  constructor(goType: string, cause: Error) {
    super(`json: error calling MarshalJSON for type ${goType}: ${cause.message}`);
    this.name = 'MarshalerError';
  }
}

function callMarshaler(m: GoJSONMarshaler): string {
  try {
    return m.marshalGoJSON();
  } catch (e) {
    throw new MarshalerError(m.goType, e instanceof Error ? e : new Error(String(e)));
  }
}

function isMarshaler(v: object): v is GoJSONMarshaler {
  return typeof (v as Partial<GoJSONMarshaler>).marshalGoJSON === 'function';
}

const hex = '0123456789abcdef';

/** A Go JSON string literal for s (Go ≥ 1.22 escapes: \b \f \n \r \t short, other controls \u00XX). */
export function jsonString(s: string, escapeHTML = true): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    let r = s.charCodeAt(i);
    if (r >= 0xd800 && r <= 0xdfff) {
      const lo = s.charCodeAt(i + 1);
      if (r <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) {
        r = ((r - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        i++;
      } else {
        out += '\\ufffd'; // lone surrogate = invalid UTF-8 in Go
        continue;
      }
    }
    switch (r) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += '\\\\';
        continue;
      case 0x08:
        out += '\\b';
        continue;
      case 0x0c:
        out += '\\f';
        continue;
      case 0x0a:
        out += '\\n';
        continue;
      case 0x0d:
        out += '\\r';
        continue;
      case 0x09:
        out += '\\t';
        continue;
      case 0x2028:
        out += '\\u2028';
        continue;
      case 0x2029:
        out += '\\u2029';
        continue;
    }
    if (r < 0x20 || (escapeHTML && (r === 0x3c || r === 0x3e || r === 0x26))) {
      out += '\\u00' + hex[r >> 4] + hex[r & 0xf];
      continue;
    }
    out += String.fromCodePoint(r);
  }
  return out + '"';
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** An array, map or struct being written: the members still to write. */
interface Writing {
  obj: object;
  path: string;
  /** An array (elements; keys unused), or a map or struct (members). */
  array: boolean;
  keys: string[];
  values: unknown[];
  /** The next member to write. */
  next: number;
}

/**
 * Iterative, with an explicit stack of the containers being written and one output buffer: Go encodes
 * 10000 levels and more, more than V8's stack holds recursing. Each container is checked and entered
 * (cycle, Marshaler, field names, key order) when it is reached, its members are written in order, and it
 * leaves the cycle set when it is closed, as a recursive encoder would do it.
 */
function encode(v: unknown, escapeHTML: boolean, seen: Set<object>): string {
  const out: string[] = [];
  const stack: Writing[] = [];
  /** Writes a value that is no container, or opens a container (pushed on the stack). */
  const begin = (v: unknown, path: string): void => {
    if (v === null) {
      out.push('null');
      return;
    }
    switch (typeof v) {
      case 'string':
        out.push(jsonString(v, escapeHTML));
        return;
      case 'boolean':
        out.push(v ? 'true' : 'false');
        return;
      case 'number':
        out.push(formatFloatJSON(v));
        return;
      case 'object':
        break;
      default:
        throw new TypeError(`json: unsupported type: ${typeof v} at ${path || 'top level'}`);
    }
    const obj = v as object;
    if (seen.has(obj)) throw new TypeError(`json: unsupported value: encountered a cycle at ${path || 'top level'}`);
    if (isMarshaler(obj)) {
      out.push(compactHTML(callMarshaler(obj), escapeHTML));
      return;
    }
    if (Array.isArray(obj)) {
      seen.add(obj);
      out.push('[');
      stack.push({ obj, path, array: true, keys: [], values: obj, next: 0 });
      return;
    }
    let entries: [string, unknown][];
    if (obj instanceof Map) {
      entries = [];
      for (const [k, val] of obj) {
        if (typeof k !== 'string') throw new TypeError(`json: struct field names must be strings at ${path || 'top level'}`);
        entries.push([k, val]);
      }
    } else if (isPlainObject(obj)) {
      entries = Object.entries(obj).sort((a, b) => compareUTF8(a[0], b[0]));
    } else {
      throw new TypeError(`json: unsupported type: ${obj.constructor?.name ?? 'object'} at ${path || 'top level'}`);
    }
    seen.add(obj);
    out.push('{');
    stack.push({ obj, path, array: false, keys: entries.map(([k]) => k), values: entries.map(([, val]) => val), next: 0 });
  };
  begin(v, '');
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const k = top.next++;
    if (k === top.values.length) {
      stack.pop();
      seen.delete(top.obj);
      out.push(top.array ? ']' : '}');
      continue;
    }
    if (k > 0) out.push(',');
    if (top.array) {
      if (k in top.values) begin(top.values[k], `${top.path}[${k}]`); // a hole stays empty, as Array.prototype.map and join leave it
    } else {
      out.push(jsonString(top.keys[k], escapeHTML), ':');
      begin(top.values[k], `${top.path}.${top.keys[k]}`);
    }
  }
  return out.join('');
}

/** Go json.Marshal. Throws (like Go returns an error) for NaN/Inf, cycles and unsupported JS types. */
export function jsonMarshal(v: unknown, opts?: MarshalOptions): string {
  return encode(v, opts?.escapeHTML ?? true, new Set());
}

/** Go json.MarshalIndent: Marshal, then Indent with prefix and indent. */
export function jsonMarshalIndent(v: unknown, prefix: string, indent: string, opts?: MarshalOptions): string {
  return indentJSON(jsonMarshal(v, opts), prefix, indent);
}

/** Go json.Encoder.Encode (with SetEscapeHTML from opts): Marshal + "\n". */
export function jsonEncode(v: unknown, opts?: MarshalOptions): string {
  return jsonMarshal(v, opts) + '\n';
}
