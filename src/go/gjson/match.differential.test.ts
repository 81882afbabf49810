// Differential test of the wildcard matcher (match.ts, tidwall/match v1.2.0's MatchLimit as gjson v1.18.0
// calls it) against the Go oracle: wildcard keys (`{"<key>":1}` with the pattern as the path) and `%`
// queries, on generated strings and patterns over a small alphabet (stars, `?`, backslashes, 2-, 3- and
// 4-byte characters), and on long inputs near the complexity limit (10000 × the string's length in bytes).
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { agree, bytesOf, describeWithGo, differential, showBytes, utf8 } from '../../testing/go-oracle.ts';
import { gjsonGet, jsonMarshal } from '../index.ts';

const text = (alphabet: string[], max: number) => fc.array(fc.constantFrom(...alphabet), { maxLength: max }).map((a) => a.join(''));
const key = text(['a', 'a', 'b', 'é', '€', '😀', '*', '?', '\\'], 8);
const pattern = text(['a', 'a', 'b', 'é', '😀', '*', '*', '?', '\\'], 8);

/** Long inputs: a run of 'a' against patterns that search it, at and around the limit. */
const long: [string, string][] = [
  [`${'a'.repeat(39999)}bc`, `*${'a'.repeat(19998)}b*`],
  [`${'a'.repeat(40000)}c`, `*${'a'.repeat(20000)}b`],
  [`${'a'.repeat(40000)}b`, `*${'a'.repeat(20000)}*b`],
  ['a'.repeat(20000), '*a'.repeat(20000)],
  ['a'.repeat(300), `${'*a'.repeat(150)}*b`],
  ['', '*'.repeat(10001)],
  ['', '**a'],
  ['ab', '*\\*'],
  ['a*', '*\\*'],
  ['a\\', '*\\'],
  ['a\\', '*\\\\'],
];

describeWithGo('tidwall/match v1.2.0 (through gjson) against the Go oracle', (oracle) => {
  it('a wildcard key matches as in Go', async () => {
    const n = await differential({
      oracle: oracle(),
      arb: fc.tuple(
        key,
        pattern.filter((p) => p !== ''),
      ),
      n: 3000,
      examples: long.filter(([, p]) => p.length < 5000),
      request: ([k, p]) => ({ op: 'gjson', a: jsonMarshal({ [k]: 1 }), b: p }),
      check: ([k, p], ans) => {
        const r = gjsonGet(jsonMarshal({ [k]: 1 }), p);
        agree(`key ${JSON.stringify(k)} path ${JSON.stringify(p)}`, [r.exists, showBytes(utf8(r.raw))], [ans.exists, showBytes(bytesOf(ans.raw))]);
      },
    });
    expect(n).toBeGreaterThanOrEqual(2500);
  });

  it('a % query matches as in Go, long inputs near the limit too', async () => {
    const n = await differential({
      oracle: oracle(),
      arb: fc.tuple(key, pattern),
      n: 3000,
      examples: long,
      request: ([k, p]) => ({ op: 'gjson', a: jsonMarshal([k]), b: `#(%${jsonMarshal(p)})#|#` }),
      check: ([k, p], ans) => {
        const r = gjsonGet(jsonMarshal([k]), `#(%${jsonMarshal(p)})#|#`);
        agree(`string ${JSON.stringify(k).slice(0, 80)} pattern ${JSON.stringify(p).slice(0, 80)}`, showBytes(utf8(r.raw)), showBytes(bytesOf(ans.raw)));
      },
    });
    expect(n).toBeGreaterThanOrEqual(2500);
  });
});
