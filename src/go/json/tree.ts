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
  /** A scalar (string, literal or number) starting at i. */
  const scalar = (): JsonNode => {
    const s = i;
    const c = b[i];
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
  // Iterative, with an explicit stack of the open containers: Go decodes up to 10000 levels
  // (maxNestingDepth), more than V8's default stack holds for a recursive descent.
  type Open = { s: number; members: [string, JsonNode][]; key: string } | { s: number; elements: JsonNode[] };
  const open: Open[] = [];
  for (;;) {
    // A value starts at i.
    skip();
    const s = i;
    const c = b[i];
    let done: JsonNode;
    if (c === 0x7b) {
      i++;
      skip();
      if (b[i] === 0x7d) {
        i++;
        done = { kind: 'object', members: [], ...base(s) };
      } else {
        skip();
        const key = str();
        skip();
        i++; // ':'
        open.push({ s, members: [], key });
        continue;
      }
    } else if (c === 0x5b) {
      i++;
      skip();
      if (b[i] === 0x5d) {
        i++;
        done = { kind: 'array', elements: [], ...base(s) };
      } else {
        open.push({ s, elements: [] });
        continue;
      }
    } else done = scalar();
    // A value is done: add it to its container, and close every container that ends after it.
    for (;;) {
      const top = open.at(-1);
      if (top === undefined) return done;
      if ('members' in top) {
        top.members.push([top.key, done]);
        skip();
        if (b[i++] === 0x7d) {
          open.pop();
          done = { kind: 'object', members: top.members, ...base(top.s) };
          continue;
        }
        // ',' then the next member's key
        skip();
        top.key = str();
        skip();
        i++; // ':'
        break;
      }
      top.elements.push(done);
      skip();
      if (b[i++] === 0x5d) {
        open.pop();
        done = { kind: 'array', elements: top.elements, ...base(top.s) };
        continue;
      }
      break; // ','
    }
  }
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
