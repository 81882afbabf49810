// Differential tests of src/go against real Go (the Go oracle, oracles/go): strconv.Quote, strings.TrimSpace,
// mime.ParseMediaType, net/url, time.Time JSON, encoding/json strings, decoding and re-encoding. Each area
// draws ≥ 5,000 cases a run (runs(n), the run's fast-check seed), malformed inputs included, in one batch.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { agree, bytesOf, describeWithGo, differential, showBytes, utf8 } from '../testing/go-oracle.ts';
import {
  csvReadRecord,
  formatFloatG,
  goParseFloat,
  goRegexpCompile,
  jsonDecode,
  jsonMarshal,
  jsonMarshalIndent,
  jsonString,
  jsonUnmarshal,
  parseGoTimeJSON,
  parseMediaType,
  parseURL,
  pathEscape,
  queryEscape,
  queryUnescape,
  quote,
  quoteBytes,
  trimSpace,
} from './index.ts';

const N = 5000;

/** Code points that matter: ASCII, controls, Latin-1, spaces, unassigned in 15.0, astral, surrogates. */
const interestingCp = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }),
  fc.constantFrom(
    0x85,
    0xa0,
    0xad,
    0x1680,
    0x2000,
    0x200b,
    0x2028,
    0x2029,
    0x202f,
    0x205f,
    0x3000,
    0xfeff,
    0xfffd,
    0x88f,
    0x1acf,
    0x2427,
    0x18d09,
    0x18d84,
    0xe000,
    0x10ffff,
  ),
  fc.integer({ min: 0x80, max: 0xffff }).filter((c) => c < 0xd800 || c > 0xdfff),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
);
const goString = fc.array(interestingCp, { maxLength: 12 }).map((cps) => String.fromCodePoint(...cps));
/** Bytes, UTF-8 or not: Go strings are bytes. */
const goBytes = fc.oneof(
  goString.map((s) => utf8(s)),
  fc.uint8Array({ maxLength: 12 }),
  fc.tuple(goString, fc.uint8Array({ minLength: 1, maxLength: 3 }), goString).map(([a, b, c]) => Buffer.concat([utf8(a), b, utf8(c)])),
);

function fromTokens(tokens: string[], n = 10): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...tokens), { maxLength: n }).map((t) => t.join(''));
}

describeWithGo('src/go against the Go oracle', (oracle) => {
  it('strconv.Quote of strings and of arbitrary bytes', async () => {
    await differential({
      oracle: oracle(),
      arb: goBytes,
      n: N,
      examples: [utf8('\u088f'), utf8(String.fromCodePoint(0x18d09)), Uint8Array.of(0x61, 0xe9, 0x62), utf8('é\t"\\')],
      request: (b) => ({ op: 'quote', a: b }),
      check: (b, ans) => {
        agree(`quoteBytes(${Buffer.from(b).toString('hex')})`, quoteBytes(b), showBytes(bytesOf(ans.out)));
        const s = Buffer.from(b).toString('utf8');
        if (Buffer.from(s, 'utf8').equals(Buffer.from(b))) agree(`quote(${JSON.stringify(s)})`, quote(s), showBytes(bytesOf(ans.out)));
      },
    });
  });

  it('strings.TrimSpace', async () => {
    const spaced = fc
      .tuple(
        fromTokens([' ', '\t', '\n', '\u0085', '\u00a0', '\u2028', '\u3000', '\u200b', '\ufeff'], 4),
        goString,
        fromTokens([' ', '\r', '\u000b', '\u2009', '\u180e', '\u0085'], 4),
      )
      .map(([a, b, c]) => a + b + c);
    await differential({
      oracle: oracle(),
      arb: spaced,
      n: N,
      request: (s) => ({ op: 'trimSpace', a: s }),
      check: (s, ans) => agree(`trimSpace(${JSON.stringify(s)})`, showBytes(utf8(trimSpace(s))), showBytes(bytesOf(ans.out))),
    });
  });

  it('strconv.ParseFloat: decimal, hex, underscores, inf and nan, bad syntax', async () => {
    const text = fromTokens(
      ['-', '+', '0', '1', '5', '9', '.', 'e', 'E', 'p', 'P', 'x', '0x', 'a', 'F', '_', 'inf', 'Infinity', 'nan', 'N', 'i', '400', '324', '1e-', ' '],
      8,
    );
    const digits = fc.stringMatching(/^[+-]?(0x)?[0-9a-f_]{0,40}(\.[0-9a-f_]{0,20})?([ep][+-]?[0-9_]{1,5})?$/);
    await differential({
      oracle: oracle(),
      arb: fc.oneof(text, digits),
      n: N,
      request: (s) => ({ op: 'parseFloat', a: s }),
      check: (s, ans) => agree(`ParseFloat(${JSON.stringify(s)})`, formatFloatG(goParseFloat(s)), ans.out),
    });
  });

  it('mime.ParseMediaType: media type and error', async () => {
    const ct = fromTokens([
      'application',
      'json',
      'text',
      '/',
      '/',
      ';',
      ';',
      ' ',
      'charset',
      '=',
      '=',
      'utf-8',
      '"',
      '"x y"',
      '\\',
      'a*',
      '*0',
      '*1',
      "''",
      '%41',
      ',',
      '(',
      '@',
      'é',
      '\u00e9',
      '\t',
      'A',
      '\u0000',
      '\u007f',
      'x',
    ]);
    await differential({
      oracle: oracle(),
      arb: ct,
      n: N,
      examples: ['application/json; charset=utf-8', 'application/json; charset', 'text/plain; a=1; a=2', 'a/b;;'],
      request: (v) => ({ op: 'parseMediaType', a: v }),
      check: (v, ans) => {
        const r = parseMediaType(v);
        agree(
          `parseMediaType(${JSON.stringify(v)})`,
          { mediaType: showBytes(utf8(r.mediaType)), err: r.error ?? null },
          { mediaType: showBytes(bytesOf(ans.mediaType)), err: ans.err },
        );
      },
    });
  });

  it('net/url: Parse (Go 1.26) with String, Hostname, Port, EscapedPath, RequestURI; QueryEscape, PathEscape, QueryUnescape', async () => {
    const raw = fromTokens(
      [
        'http',
        'https',
        ':',
        '://',
        '//',
        '/',
        '?',
        '#',
        '@',
        'user',
        ':pw',
        'h',
        'example.com',
        '[',
        ']',
        '::1',
        'fe80::1%25en0',
        ':80',
        ':0',
        ':x',
        '%',
        '%2F',
        '%zz',
        '%41',
        '%e9',
        ' ',
        'é',
        '+',
        ';',
        '=',
        '&',
        '.',
        '..',
        'a',
        '1',
        '\u0001',
        '\u007f',
        '*',
      ],
      12,
    );
    await differential({
      oracle: oracle(),
      arb: raw,
      n: N,
      examples: ['http://[::1]:80/a%2Fb?q#f%20g', 'http://h:1:2/', 'mailto:a@b', '//h/p', 'http://%41/', 'http://a b/'],
      request: (s) => ({ op: 'urlParse', a: s }),
      check: (s, ans) => {
        const r = parseURL(s, { go: '1.26' });
        if (!r.ok) {
          agree(`url.Parse(${JSON.stringify(s)})`, { err: r.error }, { err: ans.err ?? '(no error)' });
          return;
        }
        const u = r.url;
        const b = (x: string) => showBytes(utf8(x));
        const g = (k: string) => showBytes(bytesOf(ans[k]));
        // Known difference (src/go/README.md): a %XX escape that decodes to bytes that are not UTF-8 has no
        // JS string; Go keeps the bytes. Such URLs are not compared.
        if (['path', 'fragment', 'username', 'password', 'host'].some((k) => g(k).startsWith('hex:'))) return;
        agree(
          `url.Parse(${JSON.stringify(s)})`,
          {
            err: null,
            scheme: b(u.scheme),
            opaque: b(u.opaque),
            host: b(u.host),
            path: b(u.path),
            rawPath: b(u.rawPath),
            rawQuery: b(u.rawQuery),
            fragment: b(u.fragment),
            rawFragment: b(u.rawFragment),
            user: u.user ? [b(u.user.username), u.user.password === undefined ? null : b(u.user.password)] : null,
            string: b(u.toString()),
            hostname: b(u.hostname()),
            port: b(u.port()),
            escapedPath: b(u.escapedPath()),
            requestURI: b(u.requestURI()),
          },
          {
            err: ans.err ?? null,
            scheme: g('scheme'),
            opaque: g('opaque'),
            host: g('host'),
            path: g('path'),
            rawPath: g('rawPath'),
            rawQuery: g('rawQuery'),
            fragment: g('fragment'),
            rawFragment: g('rawFragment'),
            user: ans.hasUser ? [g('username'), ans.hasPassword ? g('password') : null] : null,
            string: g('string'),
            hostname: g('hostname'),
            port: g('port'),
            escapedPath: g('escapedPath'),
            requestURI: g('requestURI'),
          },
        );
      },
    });
    const o = oracle();
    await differential({
      oracle: o,
      arb: fc.tuple(fc.constantFrom('queryEscape', 'pathEscape', 'queryUnescape'), fc.oneof(goString, raw)),
      n: N,
      request: ([op, s]) => ({ op, a: s }),
      check: ([op, s], ans) => {
        let ours: unknown;
        if (op === 'queryEscape') ours = { out: queryEscape(s) };
        else if (op === 'pathEscape') ours = { out: pathEscape(s) };
        else {
          try {
            ours = { out: showBytes(utf8(queryUnescape(s))), err: null };
          } catch (e) {
            ours = { err: (e as Error).message };
          }
        }
        const go =
          op === 'queryUnescape' ? (ans.err ? { err: ans.err } : { out: showBytes(bytesOf(ans.out)), err: null }) : { out: showBytes(bytesOf(ans.out)) };
        // The same known difference as above: unescaped bytes that are not UTF-8 have no JS string.
        if (typeof go.out === 'string' && go.out.startsWith('hex:')) return;
        agree(`${op}(${JSON.stringify(s)})`, ours, go);
      },
    });
  });

  it('time.Time UnmarshalJSON and MarshalJSON (expires_at)', async () => {
    const digits = (n: number) => fc.array(fc.constantFrom('0', '1', '2', '3', '5', '9'), { minLength: n, maxLength: n }).map((d) => d.join(''));
    const stamp = fc
      .tuple(
        fc.oneof(digits(4), fc.constantFrom('0000', '9999', '2024', '-001', '10000')),
        fc.constantFrom('-', '-', '/'),
        fc.oneof(digits(2), fc.constantFrom('01', '12', '13', '00', '1')),
        fc.oneof(digits(2), fc.constantFrom('01', '28', '29', '30', '31', '32')),
        fc.constantFrom('T', 'T', 't', ' '),
        fc.oneof(digits(2), fc.constantFrom('3', '23', '24')),
        fc.constantFrom(':04:05', ':60:00', ':59:60', ':04', ':4:05'),
        fc.constantFrom('', '', '.5', '.123456789', '.1234567891', ',5', '.', '.000'),
        fc.constantFrom('Z', 'Z', 'z', '+00:00', '-00:00', '+05:30', '+24:00', '+05:60', '+23:59', '-12:00', '+0530', '+25:00', '+99:99', '', 'Zx'),
      )
      .map((p) => p.join(''));
    const value = fc.oneof(
      { weight: 8, arbitrary: stamp.map((s) => `"${s}"`) },
      { weight: 1, arbitrary: fc.constantFrom('null', '1', '""', '"', 'true', '"\\u0032024-01-02T03:04:05Z"', '"2024-01-02T03:04:05Z" ') },
    );
    await differential({
      oracle: oracle(),
      arb: value,
      n: N,
      examples: ['"2024-01-02T3:04:05Z"', '"2024-01-02T03:04:05,5Z"', '"2024-01-02T03:04:05+24:00"', '"2024-01-02T03:04:05+05:60"'],
      request: (v) => ({ op: 'timeUnmarshalJSON', a: v }),
      check: (v, ans) => {
        const r = parseGoTimeJSON(v);
        let ours: unknown;
        if (!r.ok) ours = { err: r.error };
        else {
          try {
            ours = { unix: r.value.unixSeconds, nano: r.value.nanosecond, out: r.value.marshalGoJSON() };
          } catch (e) {
            ours = { unix: r.value.unixSeconds, nano: r.value.nanosecond, merr: (e as Error).message };
          }
        }
        const go = ans.err
          ? { err: ans.err }
          : ans.merr
            ? { unix: ans.unix, nano: ans.nano, merr: ans.merr }
            : { unix: ans.unix, nano: ans.nano, out: showBytes(bytesOf(ans.out)) };
        // The zero time (null) has no Unix seconds that fit in a float exactly; compare its marshaled form.
        agree(`Time.UnmarshalJSON(${v})`, ours, go);
      },
    });
  });

  it('encoding/json: Encoder of strings with and without HTML escaping', async () => {
    await differential({
      oracle: oracle(),
      arb: fc.tuple(
        fc.oneof(
          goString,
          fromTokens(['<', '>', '&', '\u2028', '\u2029', '"', '\\', '\u0000', '\u001f', '\u007f', 'a', 'é', '\ufffd']),
          fc.string({ unit: 'binary' }),
        ),
        fc.boolean(),
      ),
      n: N,
      request: ([s, html]) => ({ op: 'jsonString', a: s, flag: html }),
      check: ([s, html], ans) => agree(`jsonString(${JSON.stringify(s)}, html=${html})`, jsonString(s, html), showBytes(bytesOf(ans.out))),
    });
  });

  it('encoding/json: Decoder.Decode and Unmarshal into interface{} (errors too), then Marshal / MarshalIndent', async () => {
    const valueText = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(
          '0',
          '-0',
          '1',
          '-1',
          '1.5',
          '1e400',
          '-1e400',
          '1E+2',
          '0.1',
          '1e-7',
          '123456789012345678901',
          '5e-324',
          '01',
          '-',
          '1.',
          '.5',
          '1e',
          'NaN',
          'Infinity',
        ),
        fc.constantFrom('""', '"a"', '"\\u00e9"', '"\\ud800"', '"\\ud83d\\ude00"', '"<&>"', '"\\u2028"', '"\\/"', '"\t"', '"\\x"', '"abc', '"\u00e9"'),
        fc.constantFrom('true', 'false', 'null', 'nul', 'tru', 'True'),
        fc.array(tie('v'), { maxLength: 3 }).map((a) => `[${a.join(',')}]`),
        fc
          .array(fc.tuple(fc.constantFrom('"a"', '"b"', '"a"', '"A"', '""', '"\\u0061"', 'a'), tie('v')), { maxLength: 3 })
          .map((m) => `{${m.map(([k, v]) => `${k}:${v}`).join(',')}}`),
      ),
    })).v;
    const text = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.tuple(fc.constantFrom('', ' ', '\n', '\t'), valueText, fc.constantFrom('', ' ', '\n', ' x', '{}', ',', ']')).map((p) => p.join('')),
      },
      { weight: 2, arbitrary: fc.tuple(valueText, fc.nat()).map(([t, k]) => t.slice(0, k % (t.length + 1))) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 8 }).map((b) => Buffer.from(b).toString('latin1')) },
    );
    await differential({
      oracle: oracle(),
      arb: fc.tuple(text, fc.boolean()),
      n: N,
      request: ([t, decoder]) => ({ op: decoder ? 'jsonDecode' : 'jsonUnmarshal', a: t }),
      check: ([t, decoder], ans) => {
        const r = decoder ? jsonDecode(t) : jsonUnmarshal(t);
        const ours = r.ok ? { out: jsonMarshal(r.value) } : { err: r.error };
        const go = ans.err ? { err: ans.err } : { out: showBytes(bytesOf(ans.out)) };
        agree(`${decoder ? 'Decode' : 'Unmarshal'}(${JSON.stringify(t)})`, ours, go);
      },
    });
    const o = oracle();
    await differential({
      oracle: o,
      arb: fc.tuple(valueText, fc.boolean()),
      n: N,
      request: ([t, html]) => ({ op: 'jsonRemarshal', a: t, flag: html }),
      check: ([t, html], ans) => {
        const r = jsonUnmarshal(t);
        if (!r.ok) {
          agree(`Unmarshal(${JSON.stringify(t)})`, r.error, ans.err);
          return;
        }
        agree(
          `Encode(${JSON.stringify(t)}, html=${html})`,
          { out: jsonMarshal(r.value, { escapeHTML: html }), indent: jsonMarshalIndent(r.value, '', '  ') },
          { out: showBytes(bytesOf(ans.out)), indent: showBytes(bytesOf(ans.indent)) },
        );
      },
    });
  });
});

it('the differential areas above use at least 5,000 cases each', () => {
  expect(N).toBeGreaterThanOrEqual(5000);
});

describeWithGo('encoding/csv against the Go oracle', (oracle) => {
  it('csv.Reader.Read: the first record or the error (serpent StringArray: --header, CODER_HEADER)', async () => {
    const text = fc
      .array(fc.constantFrom('a', 'b=c', ',', ',', '"', '"', '""', ' ', '\n', '\r', '\r\n', 'é', '\t', 'x"y'), { maxLength: 10 })
      .map((t) => t.join(''));
    await differential({
      oracle: oracle(),
      arb: text,
      n: N,
      examples: ['a"b', 'a=b,c=d', '"a,b",c', '"a"b', '"abc', '', '\n', '\n\na', 'a\nb', '"a\nb"', '"a\n"b', 'a,"b'],
      request: (s) => ({ op: 'csvRead', a: s }),
      check: (s, ans) => {
        const r = csvReadRecord(s);
        const ours = r.ok ? { record: r.record, err: null } : { err: r.error };
        const go = ans.err ? { err: ans.err } : { record: ((ans.record as string[] | null) ?? []).map((f) => bytesOf(f).toString('utf8')), err: null };
        agree(`csv.Read(${JSON.stringify(s)})`, ours, go);
      },
    });
  });
});

describeWithGo('regexp against the Go oracle', (oracle) => {
  it('regexp.Compile errors and MatchString (provider regexes, RE2 syntax)', async () => {
    const pattern = fc
      .array(
        fc.constantFrom(
          '.',
          '.',
          '^',
          '$',
          'a',
          'b',
          'github',
          '\\.',
          '(?i)',
          '(?s)',
          '(?m)',
          '(',
          ')',
          '[',
          ']',
          '[^a]',
          '*',
          '+',
          '?',
          '{2}',
          '{1001}',
          '|',
          '\\d',
          '\\pL',
          '\\1',
          '(?=',
          '(?P<n>',
          '\\Q.\\E',
          '\\b',
          '\\x{2028}',
          'é',
          '\\',
          '[[:alpha:]]',
        ),
        { maxLength: 6 },
      )
      .map((t) => t.join(''));
    const subject = fc
      .array(fc.constantFrom('a', 'b', 'A', 'github.com', 'GITHUB', '\n', '\r', '\u2028', 'é', '.', ' ', '1', 'x'), { maxLength: 6 })
      .map((t) => t.join(''));
    await differential({
      oracle: oracle(),
      arb: fc.tuple(pattern, subject),
      n: N,
      examples: [
        ['^a.b$', 'a\rb'],
        ['^a.b$', 'a\u2028b'],
        ['^a.b$', 'a\nb'],
        ['(?i)^github', 'GitHub.com'],
        ['a(?=b)', 'ab'],
      ],
      request: ([p, s]) => ({ op: 'regexp', a: p, b: s }),
      check: ([p, s], ans) => {
        const r = goRegexpCompile(p);
        agree(
          `regexp(${JSON.stringify(p)}).MatchString(${JSON.stringify(s)})`,
          r.ok ? { match: r.matchString(s) } : { err: r.error },
          ans.err ? { err: ans.err } : { match: ans.match },
        );
      },
    });
  });
});
