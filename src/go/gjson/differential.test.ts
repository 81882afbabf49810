// Differential tests: gjsonGet against the real tidwall/gjson v1.18.0 (the Go oracle, oracles/go), on
// generated documents (Go-marshaled, hand-spaced, and broken) and generated paths (well-formed and
// malformed: unbalanced brackets, dangling escapes, stray modifiers and literals).
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { agree, bytesOf, describeWithGo, differential, showBytes, utf8 } from '../../testing/go-oracle.ts';
import { gjsonGet, jsonMarshal } from '../index.ts';

const KEYS = ['a', 'b', 'name', 'x', '', 'a.b', 'n*', '@k', '#', '1', '0', 'é'];

/** JSON values whose keys a generated path is likely to hit. */
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(0, 1, -1, 2.5, 1e21, -0, 37, 10.11),
    fc.constantFrom('', 'a', 'ab', 'Tom', 'x y', '<&>', '\u2028', 'é', '"q"', 'true', '{"a":1}', '\\'),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('v'), { maxKeys: 4 }),
  ),
})).v;

const ws = fc.constantFrom('', '', '', ' ', '\n', '\t', '  ', ' \r\n ');

/** Re-spaces marshaled JSON: random whitespace around structural characters (outside strings). */
function respace(json: string, spaces: string[]): string {
  let out = '';
  let inStr = false;
  let k = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inStr) {
      out += c;
      if (c === '\\') out += json[++i];
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    if ('{}[],:'.includes(c)) out += spaces[k++ % spaces.length] + c + spaces[k++ % spaces.length];
    else out += c;
  }
  return out;
}

const document: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: value.map((v) => jsonMarshal(v)) },
  { weight: 3, arbitrary: fc.tuple(value, fc.array(ws, { minLength: 1, maxLength: 6 })).map(([v, s]) => respace(jsonMarshal(v), s)) },
  // Broken documents: truncated, with a character dropped or inserted.
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        value.map((v) => jsonMarshal(v)),
        fc.nat(),
        fc.constantFrom('', '{', '}', '[', ']', '"', ',', ':', '\\', ' ', 'x', 'tru'),
        fc.boolean(),
      )
      .map(([j, at, ins, cut]) => {
        const i = at % (j.length + 1);
        return cut ? j.slice(0, i) : j.slice(0, i) + ins + j.slice(i + (ins === '' ? 1 : 0));
      }),
  },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', 'a', '1', ' ', 'n', '\\', 'e', '-'), maxLength: 12 }) },
);

const PATH_TOKENS = [
  ...KEYS.filter((k) => k !== '' && !k.includes('.')),
  '.',
  '.',
  '.',
  '|',
  '#',
  '#.',
  '*',
  '?',
  'a*',
  '?a',
  '\\',
  '\\.',
  '\\*',
  '@this',
  '@pretty',
  '@ugly',
  '@reverse',
  '@keys',
  '@values',
  '@valid',
  '@flatten',
  '@join',
  '@tostr',
  '@fromstr',
  '@group',
  '@pretty:{"sortKeys":true}',
  '@pretty:{"indent":"\\t"}',
  '@dig:a',
  '@flatten:{"deep":true}',
  '!true',
  '!false',
  '!null',
  '!TRUE',
  '!"s"',
  '!1',
  '!{"a":1}',
  '![1,2]',
  '!nan',
  '!inf',
  '#(a==1)',
  '#(a=="Tom")',
  '#(==1)',
  '#(a>0)#',
  '#(%"T*")',
  '#(!=)#',
  '#(a)',
  '#[a=1]',
  '#(a==~true)',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ',',
  ':',
  '"',
  '"n":',
  '=',
  '==',
  '%',
  '!',
  '{a,b}',
  '[a,b]',
  '{"n":a}',
  '0',
  '1',
  '01',
  '..',
];

const path: fc.Arbitrary<string> = fc.array(fc.constantFrom(...PATH_TOKENS), { minLength: 1, maxLength: 6 }).map((t) => t.join(''));

/** Known regressions (issue #10) that stay in every run. */
const regressions: [string, string][] = [
  ['[1 ]', '@pretty'],
  ['{"a":[{"b":1}]}', '@pretty|@pretty'],
  ['{"a":1}', '!TRUE|@pretty|@tostr'],
  ['{"":1}', '{s'],
  ['{"x":0}', '{.@keys'],
  ['["a","b"]', '#|@reverse'],
  ['{"a" : [ 1 , { "b" : 2 } ] }', '@pretty'],
  ['[1,2]', '@pretty'],
  ['{"a":{"b":[1,2,{"c":[]}],"d":{}}}', '@pretty'],
  // Nesting deeper than V8's stack holds for one frame a level (@pretty, @flatten and @dig recursed).
  [`${'['.repeat(2600)}"x"${']'.repeat(2600)}`, '@pretty:{"indent":"","width":0}'],
  [`${'['.repeat(5000)}${']'.repeat(5000)}`, '@pretty:{"width":100000}'],
  [`${'{"a":'.repeat(2600)}{"b":1,"a":[1]}${'}'.repeat(2600)}`, '@pretty:{"sortKeys":true,"indent":"","width":0}'],
  [`${'['.repeat(5000)}1,[2]${']'.repeat(5000)}`, '@flatten:{"deep":true}'],
  [`${'[{"b":1},'.repeat(2600)}0${']'.repeat(2600)}`, '@dig:b'],
];

describeWithGo('gjson v1.18.0 against the Go oracle', (oracle) => {
  it('Get: String, Raw, Exists and Type agree on generated documents and paths (malformed ones too)', async () => {
    const n = await differential({
      oracle: oracle(),
      arb: fc.tuple(document, path),
      n: 6000,
      examples: regressions,
      request: ([json, p]) => ({ op: 'gjson', a: json, b: p }),
      check: ([json, p], ans) => {
        const r = gjsonGet(json, p);
        const ours = { exists: r.exists, type: r.type, raw: showBytes(utf8(r.raw)), str: showBytes(utf8(r.string())) };
        const go = { exists: ans.exists, type: ans.type, raw: showBytes(bytesOf(ans.raw)), str: showBytes(bytesOf(ans.str)) };
        agree(`doc ${JSON.stringify(json)} path ${JSON.stringify(p)}`, ours, go);
      },
    });
    expect(n).toBeGreaterThanOrEqual(5000);
  });
});
