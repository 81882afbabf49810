// The one walk over a JSON value the scanner has already found valid, so it checks nothing: iterative,
// with an explicit stack of the open containers (Go decodes up to 10000 levels, maxNestingDepth, more
// than V8's default stack holds for a recursive descent). What each value becomes is the builder's:
// plain values (value.ts) or a tree keeping member order and raw bytes (tree.ts).
import { isJSONSpace } from './scanner.ts';

/** The reading position, shared by the walk and the builder's readers. */
export interface Cursor {
  readonly b: Uint8Array;
  readonly end: number;
  i: number;
}

export interface Builder<V, O, A> {
  /** The string, literal or number starting at c.i: read it and move c.i past it. */
  scalar(c: Cursor): V;
  /** The member name (a string) starting at c.i: read it and move c.i past it. */
  key(c: Cursor): string;
  object(): O;
  member(o: O, key: string, value: V): void;
  /** The object that started at `start` is done; c.i is just past its `}`. */
  closeObject(o: O, start: number, c: Cursor): V;
  array(): A;
  element(a: A, value: V): void;
  /** The array that started at `start` is done; c.i is just past its `]`. */
  closeArray(a: A, start: number, c: Cursor): V;
}

/** The valid JSON value in b[start, end), built by `builder`. */
export function walkValid<V, O, A>(b: Uint8Array, start: number, end: number, builder: Builder<V, O, A>): V {
  const c: Cursor = { b, end, i: start };
  const skip = (): void => {
    while (c.i < end && isJSONSpace(b[c.i])) c.i++;
  };
  /** A member's name and the colon after it. */
  const key = (): string => {
    skip();
    const k = builder.key(c);
    skip();
    c.i++; // ':'
    return k;
  };
  type Open = { s: number; o: O; key: string } | { s: number; a: A };
  const open: Open[] = [];
  for (;;) {
    // A value starts at c.i.
    skip();
    const s = c.i;
    let done: V;
    if (b[s] === 0x7b) {
      c.i++;
      skip();
      const o = builder.object();
      if (b[c.i] !== 0x7d) {
        open.push({ s, o, key: key() });
        continue;
      }
      c.i++;
      done = builder.closeObject(o, s, c);
    } else if (b[s] === 0x5b) {
      c.i++;
      skip();
      const a = builder.array();
      if (b[c.i] !== 0x5d) {
        open.push({ s, a });
        continue;
      }
      c.i++;
      done = builder.closeArray(a, s, c);
    } else done = builder.scalar(c);
    // A value is done: add it to its container, and close every container that ends after it.
    for (;;) {
      const top = open.at(-1);
      if (top === undefined) return done;
      if ('o' in top) {
        builder.member(top.o, top.key, done);
        skip();
        if (b[c.i++] === 0x7d) {
          open.pop();
          done = builder.closeObject(top.o, top.s, c);
          continue;
        }
        top.key = key(); // after ','
        break;
      }
      builder.element(top.a, done);
      skip();
      if (b[c.i++] === 0x5d) {
        open.pop();
        done = builder.closeArray(top.a, top.s, c);
        continue;
      }
      break; // ','
    }
  }
}
