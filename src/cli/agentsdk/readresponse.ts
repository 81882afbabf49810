// What Go's net/http says when a response head it received is cut short or malformed: http.ReadResponse
// (status line) and textproto's ReadMIMEHeader (header lines) over the bytes the connection delivered
// before it closed, head after head while they are informational (1xx but 101: the transport reads the
// next one). Node reports all of these as "socket hang up" (or an HPE_* parse error) without the bytes,
// so wire.ts keeps the bytes read before the response and asks here. No bytes at all is Go's plain "EOF"
// (the transport's Peek), handled in neterr.ts, never here.
import { canonicalHeaderKey, quoteBytes } from '../../go/index.ts';
import { ErrUnexpectedEOF, type GoError, TextError, WrapError } from '../errors/model.ts';

/** bufio.Reader.ReadLine semantics: a line up to '\n' (its "\n" or "\r\n" dropped); a last line without '\n' still counts. */
function* lines(b: Uint8Array): Generator<Uint8Array> {
  let i = 0;
  while (i < b.length) {
    const nl = b.indexOf(0x0a, i);
    if (nl < 0) {
      // Its '\r' stays: Go drops one only before a '\n'.
      yield b.subarray(i);
      return;
    }
    // For an empty line b[nl - 1] is the previous line's '\n' (or before the start): nothing to drop.
    yield b.subarray(i, b[nl - 1] === 0x0d ? nl - 1 : nl);
    i = nl + 1;
  }
}

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
// canonicalMIMEHeaderKey's ok: a non-empty key of token bytes, where spaces are tolerated too (go.dev/issue/34540).
const KEY = /^[A-Za-z0-9!#$%&'*+\-.^_`|~ ]+$/;

/** net/http badStringError: `<what> %q`. */
function bad(what: string, val: Uint8Array): GoError {
  return new TextError(`${what} ${quoteBytes(val)}`);
}

/** The status line's error (http.ReadResponse), or its status code when it parses. */
function statusLine(line: Uint8Array): GoError | number {
  const sp = line.indexOf(0x20);
  if (sp < 0) return bad('malformed HTTP response', line);
  let rest = line.subarray(sp + 1);
  while (rest[0] === 0x20) rest = rest.subarray(1);
  const sp2 = rest.indexOf(0x20);
  const code = sp2 < 0 ? rest : rest.subarray(0, sp2);
  // strconv.Atoi takes a sign: "+12" is status 12, "-12" is malformed ("-00" is 0, fine).
  const n = /^[+-]?[0-9]+$/.test(text(code)) ? Number(text(code)) : Number.NaN;
  if (code.length !== 3 || !(n >= 0)) return bad('malformed HTTP status code', code);
  // http.ParseHTTPVersion (its HTTP/1.1 and HTTP/1.0 fast path is within this pattern).
  const proto = line.subarray(0, sp);
  if (!/^HTTP\/[0-9]\.[0-9]$/.test(text(proto))) return bad('malformed HTTP version', proto);
  return n;
}

/** textproto's trim: leading and trailing spaces and tabs (the subarray is empty when they meet). */
function trim(b: Uint8Array): Uint8Array {
  let i = 0;
  let n = b.length;
  while (b[i] === 0x20 || b[i] === 0x09) i++;
  while (b[n - 1] === 0x20 || b[n - 1] === 0x09) n--;
  return b.subarray(i, n);
}

/** textproto.ProtocolError for one header (its line trimmed, continuation lines joined by a space), or undefined. */
function headerLineError(kv: Uint8Array): GoError | undefined {
  const colon = kv.indexOf(0x3a);
  const key = text(kv.subarray(0, colon));
  // The colon and the value (the colon is no control byte).
  const fromColon = kv.subarray(colon);
  if (!KEY.test(key)) return new TextError(`malformed MIME header line: ${quoteBytes(kv)}`);
  // Go canonicalises the key in place before it checks the value, so the text shows the canonical key
  // (ASCII: the key passed KEY).
  if (fromColon.some((c) => (c < 0x20 && c !== 0x09) || c === 0x7f))
    return new TextError(`malformed MIME header line: ${quoteBytes(Buffer.concat([Buffer.from(canonicalHeaderKey(key)), fromColon]))}`);
  return undefined;
}

/**
 * The error Go's transport reports for a connection that closed after delivering `head` (at least one
 * byte, no complete final head): net/http's "HTTP/1.x transport connection broken" around ReadResponse's
 * error (io.ErrUnexpectedEOF when what arrived parses; it unwraps to it, so the GCP client retries it).
 * Undefined when a final head (not 1xx, or 101) is complete and well-formed (the failure lies elsewhere).
 */
export function responseHeadError(head: Uint8Array): GoError | undefined {
  const wrap = (e: GoError) => new WrapError('net/http: HTTP/1.x transport connection broken', e);
  // The status code of the head being read; undefined before its status line.
  let status: number | undefined;
  // The header read so far, waiting for continuation lines (a next line that starts with a space or tab).
  let pending: Uint8Array | undefined;
  for (const line of lines(head)) {
    if (status === undefined) {
      const s = statusLine(line);
      if (typeof s !== 'number') return wrap(s);
      status = s;
      continue;
    }
    // The first header line may not start with a space or tab.
    if (!pending && (line[0] === 0x20 || line[0] === 0x09)) return wrap(new TextError(`malformed MIME header initial line: ${quoteBytes(line)}`));
    if (line.length === 0) {
      // The blank line: the head is complete (its last header still has to be well-formed).
      const e = pending && headerLineError(pending);
      if (e) return wrap(e);
      // An informational head (1xx but 101 Switching Protocols): Go's transport reads the next head.
      if (status < 100 || status > 199 || status === 101) return undefined;
      status = undefined;
      pending = undefined;
      continue;
    }
    if (pending) {
      if (line[0] === 0x20 || line[0] === 0x09) {
        pending = Buffer.concat([pending, Buffer.from(' '), trim(line)]);
        continue;
      }
      const e = headerLineError(pending);
      if (e) return wrap(e);
    }
    if (line.indexOf(0x3a) < 0) return wrap(new TextError(`malformed MIME header: missing colon: ${quoteBytes(line)}`));
    pending = trim(line);
  }
  if (pending) {
    const e = headerLineError(pending);
    if (e) return wrap(e);
  }
  return wrap(ErrUnexpectedEOF);
}
