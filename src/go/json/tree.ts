// A lossless decode of the first JSON value (Go Decoder semantics for syntax and errors) into a tree that
// keeps every member in order (duplicates included) and each value's raw bytes — what a faithful
// decoder into Go structs needs (Go visits members in order; time.Time.UnmarshalJSON sees raw bytes).
import { utf8Encode } from '../utf8.ts';
import { scanFirstValue } from './decode.ts';
import { unquoteJSONString } from './value.ts';
import { type Builder, type Cursor, walkValid } from './walk.ts';

interface NodeBase {
  /** The value's exact bytes in the input. */
  bytes: Uint8Array;
  /** The same bytes as text (invalid UTF-8 shown as U+FFFD). */
  raw: string;
}
export type JsonNode =
  | (NodeBase & { kind: 'object'; members: [key: string, node: JsonNode][] })
  | (NodeBase & { kind: 'array'; elements: JsonNode[] })
  | (NodeBase & { kind: 'string'; value: string })
  | (NodeBase & { kind: 'number'; value: number })
  | (NodeBase & { kind: 'bool'; value: boolean })
  | (NodeBase & { kind: 'null' });

export type TreeResult = { ok: true; node: JsonNode; rest: string } | { ok: false; error: string };

const decoder = new TextDecoder();

const base = (c: Cursor, s: number): NodeBase => ({ bytes: c.b.subarray(s, c.i), raw: decoder.decode(c.b.subarray(s, c.i)) });

/** A string starting at c.i (valid JSON: its closing quote exists), unquoted. */
function str(c: Cursor): string {
  const { b } = c;
  const s = ++c.i;
  while (b[c.i] !== 0x22) c.i += b[c.i] === 0x5c ? 2 : 1;
  c.i++;
  return unquoteJSONString(b, s, c.i - 1);
}

const treeBuilder: Builder<JsonNode, [string, JsonNode][], JsonNode[]> = {
  scalar(c) {
    const { b } = c;
    const s = c.i;
    const ch = b[s];
    if (ch === 0x22) {
      const value = str(c);
      return { kind: 'string', value, ...base(c, s) };
    }
    if (ch === 0x74) {
      c.i += 4;
      return { kind: 'bool', value: true, ...base(c, s) };
    }
    if (ch === 0x66) {
      c.i += 5;
      return { kind: 'bool', value: false, ...base(c, s) };
    }
    if (ch === 0x6e) {
      c.i += 4;
      return { kind: 'null', ...base(c, s) };
    }
    while (c.i < c.end && ((b[c.i] >= 0x30 && b[c.i] <= 0x39) || b[c.i] === 0x2d || b[c.i] === 0x2b || b[c.i] === 0x2e || b[c.i] === 0x65 || b[c.i] === 0x45))
      c.i++;
    return { kind: 'number', value: Number(decoder.decode(b.subarray(s, c.i))), ...base(c, s) };
  },
  key: str,
  object: () => [],
  member: (members, key, node) => members.push([key, node]),
  closeObject: (members, s, c) => ({ kind: 'object', members, ...base(c, s) }),
  array: () => [],
  element: (elements, node) => elements.push(node),
  closeArray: (elements, s, c) => ({ kind: 'array', elements, ...base(c, s) }),
};

function build(b: Uint8Array, start: number, end: number): JsonNode {
  return walkValid(b, start, end, treeBuilder);
}

/** The tree of the value at b[start, end) (already known to be valid JSON). */
export function treeOf(b: Uint8Array, start: number, end: number): JsonNode {
  return build(b, start, end);
}

/**
 * json.NewDecoder(r).Decode's view of the first value, as a tree: same syntax errors as jsonDecode
 * (`EOF`, `unexpected EOF`, `invalid character …`), no type conversion (numbers out of float64 range
 * come back as ±Infinity with their raw text; the caller decides which Go type error applies).
 */
export function jsonDecodeTree(text: string | Uint8Array): TreeResult {
  const b = typeof text === 'string' ? utf8Encode(text) : text;
  const found = scanFirstValue(b);
  if ('error' in found) return { ok: false, error: found.error };
  return { ok: true, node: build(b, found.start, found.end), rest: decoder.decode(b.subarray(found.end)) };
}
