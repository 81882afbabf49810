// codersdk.ReadBodyAsError: a non-2xx response → *codersdk.Error (SdkError) with Message/Detail/
// Validations/Helper per behavior.md §1.4, or `read body: …` / `decode body: …` plain errors.
import { decodeGoStruct, goStringFromBytes, parseMediaType, quoteBytes, trimSpace, utf8DecodeLossy } from '../../go/index.ts';
import { ErrEOF, type GoError, SdkError, TextError, WrapError, type Validation } from '../errors/model.ts';
import { RESPONSE_SCHEMA } from './structs.ts';
import { getHeader, type GoResponse } from './wire.ts';

function cut(body: Uint8Array, n: number): Uint8Array {
  if (body.length <= n) return body;
  const out = new Uint8Array(n + 3);
  out.set(body.subarray(0, n));
  out.set([0x2e, 0x2e, 0x2e], n);
  return out;
}

// Go prints string(body): its bytes as they are, valid UTF-8 or not.
const text = goStringFromBytes;

/** codersdk parseMimeType: mime.ParseMediaType's media type, or (when it fails) the raw, trimmed text before the first ';'. */
function mediaType(contentType: string): string {
  const r = parseMediaType(contentType);
  return r.error === undefined ? r.mediaType : trimSpace(contentType.split(';')[0]);
}

export function readBodyAsError(res: GoResponse): GoError {
  const helper = res.status === 401 ? "Try logging in using 'coder login'." : '';
  if (res.bodyError) return new WrapError('read body', res.bodyError);
  // Header values are bytes (node hands them over as latin1 text): Go's string is those bytes, so a byte
  // that is not UTF-8 is %q-quoted as \xNN and a UTF-8 sequence as its character.
  const contentTypeBytes = Buffer.from(getHeader(res, 'Content-Type'), 'latin1');
  const contentType = utf8DecodeLossy(contentTypeBytes);
  if (mediaType(contentType) !== 'application/json') {
    const body = cut(res.body, 2048);
    return new SdkError({
      statusCode: res.status,
      method: res.method,
      url: res.url,
      message: `unexpected non-JSON response ${quoteBytes(contentTypeBytes)}`,
      detail: body.length === 0 ? 'no response body' : text(body),
      helper,
    });
  }
  const d = decodeGoStruct(RESPONSE_SCHEMA, res.body, { zero: { message: '', detail: '', validations: [] } });
  if (!d.ok) {
    if (d.error === ErrEOF.text) return new SdkError({ statusCode: res.status, method: '', url: '', message: 'empty response body', helper });
    return new WrapError('decode body', new TextError(d.error));
  }
  let message = d.value.message as string;
  let detail = d.value.detail as string;
  if (message === '') {
    message = `unexpected status code ${res.status}, response has no message`;
    detail = text(cut(res.body, 1024));
  }
  return new SdkError({
    statusCode: res.status,
    method: res.method,
    url: res.url,
    message,
    detail,
    validations: d.value.validations as Validation[],
    helper,
  });
}
