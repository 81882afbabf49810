// Tests for jsonDecodeTree: ordered members with duplicates, raw bytes per value, Decoder errors.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonDecode, jsonDecodeTree, parseGoTimeJSON, type JsonNode } from '../index.ts';

const plain = (n: JsonNode): unknown => {
  switch (n.kind) {
    case 'object':
      return n.members.map(([k, v]) => [k, plain(v)]);
    case 'array':
      return n.elements.map(plain);
    case 'null':
      return null;
    default:
      return n.value;
  }
};

describe('jsonDecodeTree', () => {
  it('keeps member order, duplicates and raw text', () => {
    const r = jsonDecodeTree(' {"b":1,"a":"\\u0032x","b":[true,null,-1.5e3]} tail');
    if (!r.ok) throw new Error(r.error);
    expect(r.rest).toBe(' tail');
    expect(r.node.raw).toBe('{"b":1,"a":"\\u0032x","b":[true,null,-1.5e3]}');
    expect(plain(r.node)).toEqual([
      ['b', 1],
      ['a', '2x'],
      ['b', [true, null, -1500]],
    ]);
    if (r.node.kind !== 'object') throw new Error('not an object');
    expect(r.node.members[1][1].raw).toBe('"\\u0032x"');
    expect(r.node.members[2][1].raw).toBe('[true,null,-1.5e3]');
  });
  it('gives time.Time the raw bytes (escapes unresolved, as Go does)', () => {
    const r = jsonDecodeTree('{"expires_at":"\\u0032026-06-30T12:00:00Z"}');
    if (!r.ok || r.node.kind !== 'object') throw new Error('bad');
    const t = parseGoTimeJSON(r.node.members[0][1].bytes);
    expect(t.ok).toBe(false);
    expect(!t.ok && t.error).toBe(
      'parsing time "\\\\u0032026-06-30T12:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "\\\\u0032026-06-30T12:00:00Z" as "2006"',
    );
  });
  it('reports the Decoder errors', () => {
    expect(jsonDecodeTree('')).toEqual({ ok: false, error: 'EOF' });
    expect(jsonDecodeTree('{"a":')).toEqual({ ok: false, error: 'unexpected EOF' });
    expect(jsonDecodeTree('<html>')).toEqual({ ok: false, error: "invalid character '<' looking for beginning of value" });
  });
  it('numbers out of range keep their raw text', () => {
    const r = jsonDecodeTree('1e400');
    expect(r.ok && r.node.kind === 'number' && [r.node.value, r.node.raw]).toEqual([Infinity, '1e400']);
  });
  it('agrees with jsonDecode on values (last duplicate wins there)', () => {
    const toObj = (n: JsonNode): unknown => {
      if (n.kind === 'object') {
        const o: Record<string, unknown> = {};
        for (const [k, v] of n.members) Object.defineProperty(o, k, { value: toObj(v), enumerable: true, writable: true, configurable: true });
        return o;
      }
      if (n.kind === 'array') return n.elements.map(toObj);
      return n.kind === 'null' ? null : n.value;
    };
    fc.assert(
      fc.property(fc.json(), (text) => {
        const a = jsonDecode(text);
        const b = jsonDecodeTree(text);
        expect(b.ok).toBe(a.ok);
        if (a.ok && b.ok) {
          expect(toObj(b.node)).toEqual(a.value);
          expect(b.node.raw).toBe(text.trim());
        }
      }),
    );
  });
});
