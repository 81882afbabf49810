// codersdk.Client requests to coderd for the agent: the path joined onto the agent URL with
// URL.Parse and the result parsed again as the request's URL, RequestWithoutSessionToken POSTs (json.Encoder SetEscapeHTML(false) + "\n",
// Content-Type: application/json) and the AuthenticateResponse decode of the exchanges.
import { decodeGoStruct, jsonEncode, parseURL, type GoURL } from '../../go/index.ts';
import type { components } from '../../generated/openapi.ts';
import { GoError, TextError, WrapError } from '../errors/model.ts';
import { AUTHENTICATE_RESPONSE_SCHEMA } from './structs.ts';
import { readBodyAsError } from './readerror.ts';
import { roundTrip, type GoResponse } from './wire.ts';

export type AuthenticateResponse = components['schemas']['AuthenticateResponse'];

/** serverURL.Parse(path); a bad path is `parse url: <err>` like codersdk. */
export function joinPath(base: GoURL, path: string): GoURL {
  try {
    return base.parseRef(path);
  } catch (e) {
    throw new WrapError('parse url', new TextError((e as Error).message));
  }
}

/** A Go struct value for jsonEncode: a Map keeps field order; omitempty fields are left out when "". */
export function goStruct(fields: [string, string, 'omitempty'?][]): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v, omit] of fields) if (!(omit && v === '')) m.set(k, v);
  return m;
}

/**
 * http.NewRequestWithContext(ctx, method, serverURL.String(), body) in codersdk's Request: the joined URL
 * is written out and parsed again, and the request goes to what that parse gives. A URL whose text does not
 * parse back (a zone `%25%5B` is written `%[`) is `create request: parse "…": <err>`, before any dial.
 */
export function newRequestURL(url: GoURL): GoURL {
  const r = parseURL(url.toString(), { go: url.goVersion });
  if (!r.ok) throw new WrapError('create request', new TextError(r.error));
  return r.url;
}

export async function postWithoutSessionToken(
  agentURL: GoURL,
  path: string,
  body: Map<string, string>,
  env: Record<string, string | undefined>,
  signal?: AbortSignal,
): Promise<GoResponse> {
  const url = newRequestURL(joinPath(agentURL, path));
  const payload = new TextEncoder().encode(jsonEncode(body, { escapeHTML: false }));
  return roundTrip({ method: 'POST', url, headers: [['Content-Type', 'application/json']], body: payload, env, signal });
}

/** The tail of every exchange: non-200 → ReadBodyAsError; 200 → decode AuthenticateResponse. */
export function authenticateResult(res: GoResponse): AuthenticateResponse {
  if (res.status !== 200) throw readBodyAsError(res);
  if (res.bodyError) throw res.bodyError;
  const d = decodeGoStruct(AUTHENTICATE_RESPONSE_SCHEMA, res.body, { zero: { session_token: '' } });
  if (!d.ok) throw new TextError(d.error);
  return d.value as AuthenticateResponse;
}

export function asGoError(e: unknown): GoError {
  return e instanceof GoError ? e : new TextError(e instanceof Error ? e.message : String(e));
}
