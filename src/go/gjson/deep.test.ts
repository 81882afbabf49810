// gjson's modifiers over JSON nested thousands deep (@pretty, @flatten and @dig recursed once a level and
// overflowed V8's stack from about 2000 levels; Go's growable stacks take any depth). What they print is
// checked against Go in differential.test.ts at smaller depths; here, that they finish and agree with it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gjsonGet } from '../index.ts';

const arrays = (n: number, inner = ''): string => '['.repeat(n) + inner + ']'.repeat(n);

describe('gjson modifiers over deep nesting', () => {
  it('@pretty writes 10000 levels on one line, and 3000 one a line', () => {
    expect(gjsonGet(arrays(10000), '@pretty:{"width":100000}').string()).toBe(`${arrays(10000)}\n`);
    expect(gjsonGet(arrays(3000, '"x"'), '@pretty:{"indent":"","width":0}').string()).toBe(`${'[\n'.repeat(3000)}"x"${'\n]'.repeat(3000)}\n`);
    expect(gjsonGet(`${'{"a":'.repeat(3000)}{"b":1,"a":2}${'}'.repeat(3000)}`, '@pretty:{"sortKeys":true,"indent":"","width":0}').string()).toBe(
      `${'{\n"a": '.repeat(3000)}{\n"a": 2,\n"b": 1\n}${'\n}'.repeat(3000)}\n`,
    );
  });
  it('@pretty repeats the indent once a level, at any depth (gjson keeps only its white space)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.constantFrom('', ' ', '  ', '\t', ' \t ', '\t\t\t', '\n '), (n, indent) => {
        const open = Array.from({ length: n }, (_, k) => `${indent.repeat(k)}[\n`).join('');
        const close = Array.from({ length: n }, (_, k) => `\n${indent.repeat(n - 1 - k)}]`).join('');
        const opts = JSON.stringify({ indent, width: 0 });
        expect(gjsonGet(arrays(n, '"x"'), `@pretty:${opts}`).string()).toBe(`${open}${indent.repeat(n)}"x"${close}\n`);
      }),
    );
  });
  it('@flatten:{"deep":true} and @dig reach the innermost values', () => {
    expect(gjsonGet(arrays(10000, '1,[2]'), '@flatten:{"deep":true}').string()).toBe('[1,2]');
    expect(gjsonGet(`${'[{"b":1},'.repeat(3000)}{"b":"in"}${']'.repeat(3000)}`, '@dig:b').string()).toBe(`[${'1,'.repeat(3000)}"in"]`);
  });
});
