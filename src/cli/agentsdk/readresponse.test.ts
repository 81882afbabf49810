// Differential test of readresponse.ts (Go's http.ReadResponse errors on a response head cut short or
// malformed) against real Go (the Go oracle): ≥ 3,000 drawn heads a run with the run's fast-check seed,
// every one without its final blank line (a head that stops before it is complete), built from Go's
// well-formed pieces, near misses and byte soup, cut at any byte (op "readResponse"); and ≥ 1,000 runs of
// complete heads, informational (1xx) ones first, then one more head, complete or cut (op
// "transportReadResponse": the transport reads again after a 1xx head other than 101), none with a
// Content-Length or Transfer-Encoding header (readTransfer's framing checks are not modelled).
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

// A complete head: a status line (1xx or not, well-formed or a near miss), header lines, the blank line.
const status = fc.oneof(
  fc.constantFrom(
    'HTTP/1.1 100 Continue',
    'HTTP/1.1 101 Switching Protocols',
    'HTTP/1.1 103 Early Hints',
    'HTTP/1.0 199 x',
    'HTTP/1.1 200 OK',
    'HTTP/1.1 099 x',
  ),
  statusLine,
);
// Without Content-Length or Transfer-Encoding (even folded): Go's readTransfer checks these framing
// headers of a complete head (1xx ones too), which readresponse.ts does not model.
const completeHead = fc
  .tuple(status, fc.array(headerLine, { maxLength: 3 }), fc.constantFrom('\r\n', '\n'))
  .map(([s, hs, e]) => [s, ...hs, '', ''].join(e))
  .filter((h) => !/content-length|transfer-encoding/i.test(h));
const transportHead = fc.tuple(fc.array(completeHead, { maxLength: 3 }), completeHead, fc.nat(), fc.boolean()).map(([before, last, cut, whole]) => {
  const b = Buffer.from(before.join('') + last, 'latin1');
  return whole ? b : b.subarray(0, Math.max(1, b.length - 1 - (cut % Buffer.byteLength(last, 'latin1'))));
});

describeWithGo('readresponse.ts against the Go oracle', (oracle) => {
  it('the transport: heads again after a 1xx one (not 101), complete or cut', async () => {
    await differential({
      oracle: oracle(),
      arb: transportHead,
      n: 1000,
      examples: ['HTTP/1.1 100 Continue\r\n\r\n', 'HTTP/1.1 101 x\r\n\r\n', 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 2000 OK\r\n', 'HTTP/1.1 199 x\r\n\r\n'].map(
        (s) => Buffer.from(s, 'latin1'),
      ),
      request: (b) => ({ op: 'transportReadResponse', a: b }),
      check: (b, ans) => {
        agree(`transportReadResponse(${JSON.stringify(b.toString('latin1'))})`, responseHeadError(b)?.unwrap()?.error() ?? null, ans.err ?? null);
      },
    });
  });

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
