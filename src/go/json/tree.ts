// A lossless decode of the first JSON value (Go Decoder semantics for syntax and errors) into a tree that
// keeps every member in order (duplicates included) and each value's raw bytes — what a faithful
// decoder into Go structs needs (Go visits members in order; time.Time.UnmarshalJSON sees raw bytes).
import { utf8Encode } from '../utf8.ts';
import { isJSONSpace } from './scanner.ts';
import { scanFirstValue } from './decode.ts';
import { unquoteJSONString } from './value.ts';

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

function build(b: Uint8Array, start: number, end: number): JsonNode {
  let i = start;
  const skip = (): void => {
    while (i < end && isJSONSpace(b[i])) i++;
  };
  const base = (s: number): NodeBase => ({ bytes: b.subarray(s, i), raw: decoder.decode(b.subarray(s, i)) });
  const str = (): string => {
    const s = ++i;
    while (b[i] !== 0x22) i += b[i] === 0x5c ? 2 : 1;
    i++;
    return unquoteJSONString(b, s, i - 1);
  };
  const node = (): JsonNode => {
    skip();
    const s = i;
    const c = b[i];
    if (c === 0x7b) {
      i++;
      const members: [string, JsonNode][] = [];
      skip();
      if (b[i] !== 0x7d) {
        for (;;) {
          skip();
          const k = str();
          skip();
          i++; // ':'
          members.push([k, node()]);
          skip();
          if (b[i++] === 0x7d) break;
        }
      } else i++;
      return { kind: 'object', members, ...base(s) };
    }
    if (c === 0x5b) {
      i++;
      const elements: JsonNode[] = [];
      skip();
      if (b[i] !== 0x5d) {
        for (;;) {
          elements.push(node());
          skip();
          if (b[i++] === 0x5d) break;
        }
      } else i++;
      return { kind: 'array', elements, ...base(s) };
    }
    if (c === 0x22) {
      const value = str();
      return { kind: 'string', value, ...base(s) };
    }
    if (c === 0x74) {
      i += 4;
      return { kind: 'bool', value: true, ...base(s) };
    }
    if (c === 0x66) {
      i += 5;
      return { kind: 'bool', value: false, ...base(s) };
    }
    if (c === 0x6e) {
      i += 4;
      return { kind: 'null', ...base(s) };
    }
    while (i < end && ((b[i] >= 0x30 && b[i] <= 0x39) || b[i] === 0x2d || b[i] === 0x2b || b[i] === 0x2e || b[i] === 0x65 || b[i] === 0x45)) i++;
    return { kind: 'number', value: Number(decoder.decode(b.subarray(s, i))), ...base(s) };
  };
  return node();
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
