// Tests for gjsonGet (tidwall/gjson v1.18 path semantics and Result.String()) on Go-marshaled documents.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFloat, formatFloatJSON, gjsonGet, jsonMarshal } from '../index.ts';

const doc = jsonMarshal({
  name: { first: 'Tom', last: 'Anderson' },
  age: 37,
  children: ['Sara', 'Alex', 'Jack'],
  'fav.movie': 'Deer Hunter',
  friends: [
    { first: 'Dale', last: 'Murphy', age: 44, nets: ['ig', 'fb', 'tw'] },
    { first: 'Roger', last: 'Craig', age: 68, nets: ['fb', 'tw'] },
    { first: 'Jane', last: 'Murphy', age: 47, nets: ['ig', 'tw'] },
  ],
  html: '<a&b>',
  big: 1e21,
  small: 1e-7,
  neg0: -0,
  f: 1.5,
  huge: 12345678901234567890,
  n: null,
  t: true,
  no: false,
  authed_user: { id: 'U123' },
  arr: [1, 2, 3, 4],
  emoji: '😀\u2028',
});
const get = (path: string): string => gjsonGet(doc, path).string();
const exists = (path: string): boolean => gjsonGet(doc, path).exists;

describe('keys, escapes and globs', () => {
  it('reads keys and nested keys', () => {
    expect(get('name.last')).toBe('Anderson');
    expect(get('age')).toBe('37');
    expect(get('children')).toBe('["Sara","Alex","Jack"]');
    expect(get('name')).toBe('{"first":"Tom","last":"Anderson"}');
    expect(exists('missing')).toBe(false);
    expect(exists('name.missing')).toBe(false);
    expect(exists('age.x')).toBe(false);
  });
  it('resolves \\ escapes', () => {
    expect(get('fav\\.movie')).toBe('Deer Hunter');
    expect(exists('fav.movie')).toBe(false);
    const d = jsonMarshal({ 'a|b': 1, 'a*b': 2, 'a?': 3, 'a\\b': 4, axb: 5 });
    expect(gjsonGet(d, 'a\\|b').string()).toBe('1');
    expect(gjsonGet(d, 'a\\*b').string()).toBe('2');
    expect(gjsonGet(d, 'a\\?').string()).toBe('3');
    expect(gjsonGet(d, 'a\\\\b').string()).toBe('4');
  });
  it('matches whole-key globs, first key in document order, with the escape quirk', () => {
    expect(get('child*.2')).toBe('Jack');
    expect(get('c?ildren.0')).toBe('Sara');
    expect(gjsonGet(doc, 'n*').type).toBe('Null'); // "n" (null) is the first key matching n*, before "name"
    const d = jsonMarshal({ ab: 1, 'a*': 2, xa: 3 });
    expect(gjsonGet(d, 'a*').string()).toBe('2'); // keys sorted: "a*" < "ab"
    expect(gjsonGet(d, 'a\\*').string()).toBe('2');
    expect(gjsonGet(d, '?a').string()).toBe('3');
    expect(gjsonGet(d, 'A*').exists).toBe(false);
    // once a real wildcard is present, an escaped one acts as a wildcard too
    const q = jsonMarshal({ aXbY: 1 });
    expect(gjsonGet(q, 'a\\*b*').string()).toBe('1');
    expect(gjsonGet(q, 'a\\*bY').exists).toBe(false);
    expect(gjsonGet(jsonMarshal({ 'é😀': 1 }), '??').string()).toBe('1');
  });
  it('sees Go escapes through: keys and values are unescaped', () => {
    expect(get('html')).toBe('<a&b>');
    expect(gjsonGet(jsonMarshal({ '<k>': 'v' }), '<k>').string()).toBe('v');
    expect(get('emoji')).toBe('😀\u2028');
  });
});

describe('arrays and #', () => {
  it('indexes arrays with unsigned decimals', () => {
    expect(get('children.1')).toBe('Alex');
    expect(get('arr.01')).toBe('2');
    expect(exists('arr.-1')).toBe(false);
    expect(exists('arr.9')).toBe(false);
    expect(exists('arr.x')).toBe(false);
    expect(gjsonGet(jsonMarshal({ a: { 1: 'one' } }), 'a.1').string()).toBe('one');
  });
  it('counts with # and maps with #.key', () => {
    expect(get('arr.#')).toBe('4');
    expect(get('children.#')).toBe('3');
    expect(gjsonGet(jsonMarshal({ e: [] }), 'e.#').string()).toBe('0');
    expect(get('friends.#.first')).toBe('["Dale","Roger","Jane"]');
    expect(gjsonGet(jsonMarshal({ arr: [{ k: 3 }, { j: 1 }, 5] }), 'arr.#.k').string()).toBe('[3]');
    expect(get('friends.#.nets.#')).toBe('[3,2,2]');
    expect(exists('name.#')).toBe(false);
  });
});

describe('queries', () => {
  it('selects the first match or all matches', () => {
    expect(get('friends.#(last=="Murphy").first')).toBe('Dale');
    expect(get('friends.#(last=="Murphy")#.first')).toBe('["Dale","Jane"]');
    expect(get('friends.#(last="Murphy")#.first')).toBe('["Dale","Jane"]');
    expect(get('friends.#( last == "Murphy" )#.first')).toBe('["Dale","Jane"]');
    expect(get('friends.#(age>45)#.last')).toBe('["Craig","Murphy"]');
    expect(get('friends.#(age>=47)#.first')).toBe('["Roger","Jane"]');
    expect(get('friends.#(age<47).first')).toBe('Dale');
    expect(get('friends.#(age<=44)#.first')).toBe('["Dale"]');
    expect(get('friends.#(age!=68)#.first')).toBe('["Dale","Jane"]');
    expect(get('friends.#(first>"Jane")#.first')).toBe('["Roger"]');
    expect(get('friends.#(age>100)#')).toBe('[]');
    expect(exists('friends.#(age>100)')).toBe(false);
    expect(get('friends.#(last=="Craig")')).toBe('{"age":68,"first":"Roger","last":"Craig","nets":["fb","tw"]}');
  });
  it('supports like-globs, nesting, scalar elements, existence and the legacy brackets', () => {
    expect(get('friends.#(first%"D*").last')).toBe('Murphy');
    expect(get('friends.#(first!%"D*")#.last')).toBe('["Craig","Murphy"]');
    expect(get('friends.#(nets.#(=="fb"))#.first')).toBe('["Dale","Roger"]');
    expect(get('arr.#(>2)#')).toBe('[3,4]');
    expect(get('arr.#(==2)')).toBe('2');
    expect(get('children.#(%"J*")')).toBe('Jack');
    expect(get('friends.#(nets)#.first')).toBe('["Dale","Roger","Jane"]');
    expect(get('friends.#[last=="Craig"].first')).toBe('Roger');
    expect(get('friends.#(age>xyz)#.first')).toBe('["Dale","Roger","Jane"]'); // unparsable number → 0
    expect(exists('children.#(x=="y")')).toBe(false); // scalar element with a sub-path
  });
  it('compares booleans and applies ~ coercions', () => {
    const b = jsonMarshal({ v: [{ a: true }, { a: false }, { a: null }, { b: 1 }] });
    expect(gjsonGet(b, 'v.#(a==true)#').string()).toBe('[{"a":true}]');
    expect(gjsonGet(b, 'v.#(a!=true)#').string()).toBe('[{"a":false}]');
    expect(gjsonGet(b, 'v.#(a>false)#').string()).toBe('[{"a":true}]');
    expect(gjsonGet(b, 'v.#(a>=x)#').string()).toBe('[{"a":true}]');
    expect(gjsonGet(b, 'v.#(a<true)#').string()).toBe('[{"a":false}]');
    expect(gjsonGet(b, 'v.#(a<=x)#').string()).toBe('[{"a":false}]');
    expect(gjsonGet(b, 'v.#(a==null)#').string()).toBe('[]');
    // a number compared with an unparsable value compares with 0
    expect(gjsonGet(jsonMarshal({ v: [0, 1] }), 'v.#(==true)#').string()).toBe('[0]');
    const d = jsonMarshal({ v: [{ a: true }, { a: false }, { a: null }, { a: 0 }, { a: 1 }, { a: 'T' }, { a: 'no' }, { b: 1 }] });
    expect(gjsonGet(d, 'v.#(a==~true)#|#').string()).toBe('3');
    expect(gjsonGet(d, 'v.#(a==~false)#|#').string()).toBe('4');
    expect(gjsonGet(d, 'v.#(a==~null)#|#').string()).toBe('2');
    expect(gjsonGet(d, 'v.#(a==~*)#|#').string()).toBe('7');
    expect(gjsonGet(d, 'v.#(a!=~*)#').string()).toBe('[{"b":1}]');
    expect(gjsonGet(d, 'v.#(a==null)#').string()).toBe('[{"a":0}]'); // 0 == ParseFloat("null") → 0
  });
});

describe('pipes, modifiers, literals, multipaths, JSON Lines', () => {
  it('distinguishes | from . after # and queries', () => {
    expect(get('friends.#(last=="Murphy")#|0')).toBe('{"age":44,"first":"Dale","last":"Murphy","nets":["ig","fb","tw"]}');
    expect(get('friends.#(last=="Murphy")#.0')).toBe('[]');
    expect(get('friends.#(last=="Murphy")#|#')).toBe('2');
    expect(get('children|@reverse|0')).toBe('Jack');
    expect(get('name|last')).toBe('Anderson');
  });
  it('runs modifiers', () => {
    expect(get('children.@reverse')).toBe('["Jack","Alex","Sara"]');
    expect(get('name.@reverse')).toBe('{"last":"Anderson","first":"Tom"}');
    expect(get('@this')).toBe(doc);
    expect(get('@this|age')).toBe('37');
    expect(get('@ugly|name')).toBe('{"first":"Tom","last":"Anderson"}');
    expect(get('@valid|age')).toBe('37');
    expect(get('@keys|0')).toBe('age');
    expect(get('children|@keys')).toBe('[null,null,null]');
    expect(get('missing|@keys')).toBe('[]');
    expect(get('name|@values')).toBe('["Tom","Anderson"]');
    expect(get('arr|@values')).toBe('[1,2,3,4]');
    expect(get('name|@tostr')).toBe('{"first":"Tom","last":"Anderson"}');
    expect(gjsonGet(doc, 'name|@tostr').type).toBe('String');
    expect(get('children|@tostr|@fromstr|1')).toBe('Alex');
    expect(exists('age|@tostr|@fromstr|x')).toBe(false);
    expect(gjsonGet(jsonMarshal({ s: 'abc' }), 's|@fromstr').exists).toBe(false);
    // quirk: content starting with `n` but not `nu` is read as a (zero) number by gjson's Parse
    expect(gjsonGet(jsonMarshal({ s: 'nope' }), 's|@fromstr').string()).toBe('0');
    expect(get('name|@fromstr')).toBe('{"first":"Tom","last":"Anderson"}');
    expect(get('friends.#.nets|@flatten')).toBe('["ig","fb","tw","fb","tw","ig","tw"]');
    expect(gjsonGet(jsonMarshal({ a: [1, [2], [3, [4, [5]]]] }), 'a|@flatten').string()).toBe('[1,2,3,[4,[5]]]');
    expect(gjsonGet(jsonMarshal({ a: [1, [2], [3, [4, [5]]]] }), 'a|@flatten:{"deep":true}').string()).toBe('[1,2,3,4,5]');
    expect(gjsonGet(jsonMarshal({ a: [{ x: 1, y: 2 }, 5, { x: 3 }] }), 'a|@join').string()).toBe('{"x":3,"y":2}');
    expect(gjsonGet(jsonMarshal({ a: [{ x: 1, y: 2 }, { x: 3 }] }), 'a|@join:{"preserve":true}').string()).toBe('{"x":1,"y":2,"x":3}');
    expect(gjsonGet(jsonMarshal({ id: [1, 2], n: ['a', 'b', 'c'] }), '@group').string()).toBe('[{"id":1,"n":"a"},{"id":2,"n":"b"},{"n":"c"}]');
    expect(get('@dig:first')).toBe('["Dale","Roger","Jane","Tom"]');
    expect(get('@pretty:{"sortKeys":true}|@ugly')).toBe(get('@this'));
  });
  it('@pretty ends with a newline and keeps short arrays on one line', () => {
    expect(get('name|@pretty')).toBe('{\n  "first": "Tom",\n  "last": "Anderson"\n}\n');
    expect(get('arr|@pretty')).toBe('[1, 2, 3, 4]\n');
    expect(get('friends.1|@pretty')).toBe('{\n  "age": 68,\n  "first": "Roger",\n  "last": "Craig",\n  "nets": ["fb", "tw"]\n}\n');
    expect(get('name|@pretty:{"indent":"\\t","prefix":"x> "}')).toBe('{\n \t"first": "Tom",\n \t"last": "Anderson"\n }\n'); // Parse drops the leading prefix
    expect(gjsonGet(jsonMarshal({ b: 1, a: { d: [], c: {} } }), '@pretty:{"sortKeys":true}').string()).toBe(
      '{\n  "a": {\n    "c": {},\n    "d": []\n  },\n  "b": 1\n}\n',
    );
    const long = jsonMarshal({ a: Array.from({ length: 30 }, (_, i) => i) });
    expect(gjsonGet(long, 'a|@pretty').string().split('\n')).toEqual(['[', ...Array.from({ length: 29 }, (_, i) => `  ${i},`), '  29', ']', '']);
  });
  it('@pretty sorts keys stably by value and keeps NaN/Inf tokens (tidwall/pretty facts)', () => {
    const sorted = (json: string): string => gjsonGet(json, '@pretty:{"sortKeys":true}|@ugly').string();
    expect(sorted('{"c":3,"b":3,"a":3,"c":2,"b":2,"a":2,"c":1,"b":1,"a":1}')).toBe('{"a":1,"a":2,"a":3,"b":1,"b":2,"b":3,"c":1,"c":2,"c":3}');
    expect(sorted('{"key3":3,"key":"abc","key":"value","key":"rrr","key":"bbb"}')).toBe('{"key":"abc","key":"bbb","key":"rrr","key":"value","key3":3}');
    expect(sorted('{"a":10,"a":9}')).toBe('{"a":9,"a":10}');
    for (const v of ['NaN', 'nan', 'Inf', '-inf', '+Inf']) expect(gjsonGet(`{"num":${v}}`, '@pretty|@ugly').string()).toBe(`{"num":${v}}`);
    expect(gjsonGet('{"hello":"world","arr":["1","2",1,2,true,false,null],"obj":{"key1":null}}', '@pretty').string()).toBe(
      '{\n  "hello": "world",\n  "arr": ["1", "2", 1, 2, true, false, null],\n  "obj": {\n    "key1": null\n  }\n}\n',
    );
    expect(gjsonGet('[{"foo":1,"bar":2},{"foo":3,"bar":4}]', '@pretty').string()).not.toContain(' \n');
  });
  it('treats unknown @names and short paths as keys', () => {
    expect(gjsonGet(jsonMarshal({ '@x': 1, '@': 2 }), '@x').string()).toBe('1');
    expect(gjsonGet(jsonMarshal({ '@x': 1, '@': 2 }), '@').string()).toBe('2');
  });
  it('returns literals', () => {
    expect(get('!true')).toBe('true');
    expect(get('!false')).toBe('false');
    expect(gjsonGet(doc, '!null').exists).toBe(true);
    expect(get('!null')).toBe('');
    expect(get('!nan')).toBe('NaN');
    expect(get('!inf')).toBe('+Inf');
    expect(get('!"x"')).toBe('x');
    expect(get('!123')).toBe('123');
    expect(get('!{"a":1}.a')).toBe('1');
    expect(get('!{"a":1}|a')).toBe('1');
    expect(exists('!TRUE')).toBe(false); // the name is kept as written and does not parse
    expect(get('!NaN')).toBe('NaN');
    expect(get('!Inf')).toBe('+Inf');
    expect(get('!NULL')).toBe('0'); // `N` starts a number token for gjson's Parse; ParseFloat fails → 0
    expect(exists('!nope')).toBe(false);
  });
  it('builds multipaths', () => {
    expect(get('{authed_user.id,n}')).toBe('{"id":"U123","n":null}');
    expect(get('[age,name.first,missing]')).toBe('[37,"Tom"]');
    expect(get('{"a":age,"b":name.first}')).toBe('{"a":37,"b":"Tom"}');
    expect(get('{friends.#(age>45)#.first}')).toBe('{"first":["Roger","Jane"]}');
    expect(get('{arr.#}')).toBe('{"_":4}');
    expect(get('[age,arr.#]|1')).toBe('4');
    expect(get('{age}.age')).toBe('37');
  });
  it('treats a `..` path as JSON Lines', () => {
    expect(get('..#')).toBe('1');
    expect(get('..0.age')).toBe('37');
    expect(gjsonGet('{"a":1}\n{"a":2}\n', '..#.a').string()).toBe('[1,2]');
  });
});

describe('Result.String() of numbers, strings and literals', () => {
  it('prints Go-marshaled numbers like the CLI', () => {
    expect(get('big')).toBe('1000000000000000000000');
    expect(get('small')).toBe('0.0000001');
    expect(get('neg0')).toBe('-0');
    expect(get('f')).toBe('1.5');
    expect(get('huge')).toBe('12345678901234567000');
    expect(get('n')).toBe('');
    expect(exists('n')).toBe(true);
    expect(get('t')).toBe('true');
    expect(get('no')).toBe('false');
  });
  it('never throws on malformed paths', () => {
    for (const p of [
      '',
      '.',
      '..',
      '|',
      '#',
      '#(',
      'friends.#(',
      'friends.#(a==',
      '[',
      '{',
      '[a',
      '{a',
      '@',
      '@pretty:{',
      '!',
      '\\',
      'a\\',
      '*',
      '**',
      'friends.#[',
      '@dig:',
    ]) {
      expect(() => gjsonGet(doc, p)).not.toThrow();
    }
    expect(exists('friends.#(')).toBe(false);
  });
});

describe('properties', () => {
  const keyChar = fc.constantFrom('a', 'b', 'Z', '0', '_', '-', ' ', 'é', '😀', '<', '&', '.', '*', '?', '|', '\\', '\u2028', '#');
  const key = fc
    .array(keyChar, { minLength: 1, maxLength: 5 })
    .map((a) => a.join(''))
    .filter((k) => !/^[@![{]/.test(k) && !k.startsWith('#'));
  const scalar = fc.oneof(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null));
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })),
  })).v;
  const escapeKey = (k: string): string => k.replace(/[\\.|*?]/g, (m) => '\\' + m);
  const expected = (v: unknown): string => {
    if (v === null) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'number') {
      const raw = formatFloatJSON(v);
      return /^-?[0-9]+$/.test(raw) ? raw : formatFloat(v, 'f');
    }
    return jsonMarshal(v);
  };

  it("gjsonGet(jsonMarshal(obj), escaped key path) gives the value's String()", () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), fc.nat(), (obj, pick) => {
        // walk down a random existing chain of object keys
        const path: string[] = [];
        let cur: unknown = obj;
        let n = pick;
        while (cur && typeof cur === 'object' && !Array.isArray(cur) && Object.keys(cur).length > 0) {
          const keys = Object.keys(cur);
          const k = keys[n % keys.length];
          path.push(escapeKey(k));
          cur = (cur as Record<string, unknown>)[k];
          n = Math.floor(n / keys.length);
          if (n % 3 === 0) break;
        }
        const r = gjsonGet(jsonMarshal(obj), path.join('.'));
        expect(r.exists).toBe(true);
        expect(r.string()).toBe(expected(cur));
      }),
    );
  });
  it('arr.# is the array length and arr.N the N-th element', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 8 }), fc.nat(), (arr, n) => {
        const d = jsonMarshal({ arr });
        expect(gjsonGet(d, 'arr.#').string()).toBe(String(arr.length));
        if (arr.length > 0) expect(gjsonGet(d, `arr.${n % arr.length}`).string()).toBe(expected(arr[n % arr.length]));
        expect(gjsonGet(d, `arr.${arr.length}`).exists).toBe(false);
      }),
    );
  });
});

describe('regressions found by the Go oracle (issue #10; answers of tidwall/gjson v1.18.0 + pretty v1.2.1)', () => {
  const g = (json: string, path: string) => {
    const r = gjsonGet(json, path);
    return { exists: r.exists, type: r.type, str: r.string() };
  };
  it('@pretty skips white space inside containers and re-prettifies its own output unchanged', () => {
    expect(g('[1 ]', '@pretty').str).toBe('[1]\n');
    expect(g('{"a" : [ 1 , { "b" : 2 } ] }', '@pretty').str).toBe('{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ]\n}\n');
    const once = g('{"a":[{"b":1}]}', '@pretty').str;
    expect(once).toBe('{\n  "a": [\n    {\n      "b": 1\n    }\n  ]\n}\n');
    expect(g('{"a":[{"b":1}]}', '@pretty|@pretty').str).toBe(once);
  });
  it('@pretty of a non-JSON literal is empty (no value start in it)', () => {
    expect(g('{"a":1}', '!TRUE|@pretty|@tostr')).toEqual({ exists: true, type: 'String', str: '' });
  });
  it('an unclosed multipath goes on with the empty path; text after a closed one replaces the path', () => {
    expect(g('{"":1}', '{s')).toEqual({ exists: true, type: 'Number', str: '1' });
    expect(g('{"x":0}', '{.@keys')).toEqual({ exists: false, type: 'Null', str: '' });
    expect(g('{"x":0,"b":2}', '[a]b')).toEqual({ exists: true, type: 'Number', str: '2' });
  });
  it('an array that ends inside a string has no count and no query result', () => {
    expect(g('[{"', '#').exists).toBe(false);
    expect(g('[{"}]', '#(a>0)#').exists).toBe(false);
    expect(g('[{"a":1}]', '#').str).toBe('1');
  });
  it('an unterminated string with escapes is unescaped', () => {
    expect(g('"\\u003c', '@this')).toEqual({ exists: true, type: 'String', str: '<' });
  });
});
