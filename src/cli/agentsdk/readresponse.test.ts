// Differential test of readresponse.ts (Go's http.ReadResponse errors on a response head cut short or
// malformed) against real Go (the Go oracle, op "readResponse"): ≥ 3,000 drawn heads a run with the run's
// fast-check seed, every one without its final blank line (a head that stops before it is complete),
// built from Go's well-formed pieces, near misses and byte soup, cut at any byte.
import fc from 'fast-check';
import { it } from 'vitest';
import { agree, describeWithGo, differential } from '../../testing/go-oracle.ts';
import { responseHeadError } from './readresponse.ts';

const statusLine = fc.oneof(
  fc.constantFrom('HTTP/1.1 200 OK', 'HTTP/1.0 404 Not Found', 'HTTP/2.0 200', 'HTTP/1.1  200 OK', 'HTTP/1.1 +12 x', 'HTTP/1.1 -12 x'),
  fc
    .tuple(
      fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/1', 'HTTP/1.10', 'http/1.1', 'HTTP/a.b', ''),
      fc.constantFrom(' ', '  ', ''),
      fc.constantFrom('200', '20', '2000', 'abc', '', '0x1'),
      fc.constantFrom(' OK', '', ' '),
    )
    .map((p) => p.join('')),
);
const headerLine = fc.oneof(
  fc.constantFrom(
    'Content-Type: application/json',
    'Content-Length: 2',
    'X-A:b',
    'X-A: \tb',
    ' folded',
    '\tfolded',
    'Bad Key: v',
    'NoColon',
    ': empty key',
    'X: a\x01b',
    'X: é',
  ),
  fc.tuple(fc.stringMatching(/^[A-Za-z0-9 -]{0,8}$/), fc.constantFrom(':', ': ', ''), fc.stringMatching(/^[ -~\t]{0,8}$/)).map((p) => p.join('')),
);
const eol = fc.constantFrom('\r\n', '\n', '\r');
const head = fc
  .tuple(statusLine, fc.array(fc.tuple(eol, headerLine), { maxLength: 4 }), fc.option(eol, { nil: undefined }), fc.nat())
  .map(([s, hs, end, cut]) => {
    const whole = Buffer.from(s + hs.map(([e, h]) => e + h).join('') + (end ?? ''), 'latin1');
    return whole.subarray(0, 1 + (cut % whole.length || 0));
  })
  // Only heads that stop before they are complete: no blank line anywhere.
  .filter((b) => b.length > 0 && !/\r?\n\r?\n/.test(b.toString('latin1')));

describeWithGo('readresponse.ts against the Go oracle', (oracle) => {
  it('the error of http.ReadResponse on a head cut short', async () => {
    await differential({
      oracle: oracle(),
      arb: head,
      n: 3000,
      examples: [
        'HTTP/',
        'HTTP/1.1 ',
        'HTTP/1.1 20',
        'HTTP/1.1 200 ',
        'HTTP/1.1 200 OK\r\n',
        'HTTP/1.1 200 OK\r\nContent-Ty',
        'HTTP/1.1 200 OK\r\n folded',
      ].map((s) => Buffer.from(s, 'latin1')),
      request: (b) => ({ op: 'readResponse', a: b }),
      check: (b, ans) => {
        const ours = responseHeadError(b);
        agree(`readResponse(${JSON.stringify(b.toString('latin1'))})`, ours?.unwrap()?.error() ?? null, ans.err ?? null);
        agree('the transport wrapper', ours?.error().startsWith('net/http: HTTP/1.x transport connection broken: ') ?? true, true);
      },
    });
  });
});
