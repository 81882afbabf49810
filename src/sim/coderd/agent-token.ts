// coderd's workspace-agent authentication middleware (httpmw): the token from the cookie
// `coder_session_token`, else the query parameter, else the `Coder-Session-Token` header (empty =
// absent); Go uuid.Parse forms; the three 401 answers. A token authenticates a non-deleted agent of a
// non-deleted workspace whose build has the workspace's highest number, or whose succeeded start build
// is followed by a stop build still pending or running (the shutdown case of
// GetAuthenticatedWorkspaceAgentAndBuildByAuthToken, the same query in v2.30.0, v2.35.3 and v2.36.0:
// coderd/database/queries/workspaceagents.sql:310 / :413 / :439). Template-import agents have no build.
import { utf8Encode } from '../../go/index.ts';
import type { AgentRow, World } from '../world.ts';
import { getBytes, type GoValues } from './query.ts';
import { writeError } from './respond.ts';

export const SESSION_TOKEN_COOKIE = 'coder_session_token';
export const SESSION_TOKEN_HEADER = 'Coder-Session-Token';

/**
 * Go's validCookieValueByte: a request cookie whose value (quotes removed) holds any other byte is
 * skipped by r.Cookie, as if it were not there.
 */
function validCookieValue(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const b = v.charCodeAt(i);
    if (b < 0x20 || b >= 0x7f || b === 0x22 || b === 0x3b || b === 0x5c) return false;
  }
  return true;
}

/**
 * First valid cookie with this name in the Cookie header, surrounding quotes removed. Header values
 * are byte strings (one char per byte, as node and Fetch give them), so the result is one too.
 */
function cookieValue(header: string | null, name: string): string {
  if (!header) return '';
  for (const part of header.split(';')) {
    const p = part.replace(/^[ \t]+|[ \t]+$/g, '');
    const eq = p.indexOf('=');
    if (eq < 0 || p.slice(0, eq) !== name) continue;
    let v = p.slice(eq + 1);
    if (v.length > 1 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    if (!validCookieValue(v)) continue;
    return v;
  }
  return '';
}

/**
 * httpmw's APITokenFromRequest: cookie, else query parameter, else header; empty = absent. The
 * token is returned as Go has it: bytes (header and cookie values arrive as byte strings, query
 * values are %-decoded bytes), so `(len N)` counts bytes and invalid UTF-8 stays as sent.
 */
export function tokenFromRequest(request: Request, query: GoValues): Uint8Array {
  const fromCookie = cookieValue(request.headers.get('cookie'), SESSION_TOKEN_COOKIE);
  if (fromCookie !== '') return Buffer.from(fromCookie, 'latin1');
  const fromQuery = getBytes(query, SESSION_TOKEN_COOKIE);
  if (fromQuery.length > 0) return fromQuery;
  return Buffer.from(request.headers.get(SESSION_TOKEN_HEADER) ?? '', 'latin1');
}

const HEX = /^[0-9a-fA-F]+$/;

/**
 * google/uuid Parse: 36-char form, urn:uuid: prefix, 38 chars (meant for {braces}: the first char is
 * dropped and the last never checked, as upstream does), or 32 hex digits. Canonical lower-case text
 * or undefined.
 */
export function parseGoUUID(input: string | Uint8Array): string | undefined {
  // Go works on bytes: one char per byte (a JS string is taken as UTF-8).
  const s = Buffer.from(typeof input === 'string' ? utf8Encode(input) : input).toString('latin1');
  let body: string;
  if (s.length === 36) body = s;
  else if (s.length === 45 && s.slice(0, 9).toLowerCase() === 'urn:uuid:') body = s.slice(9);
  else if (s.length === 38) body = s.slice(1, 37);
  else if (s.length === 32) {
    if (!HEX.test(s)) return undefined;
    body = `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  } else return undefined;
  if (body[8] !== '-' || body[13] !== '-' || body[18] !== '-' || body[23] !== '-') return undefined;
  const hex = body.replace(/-/g, '');
  if (hex.length !== 32 || !HEX.test(hex)) return undefined;
  return body.toLowerCase();
}

export type AgentAuth = { ok: true; agent: AgentRow } | { ok: false; response: Response };

export function authenticateAgent(world: World, request: Request, query: GoValues): AgentAuth {
  const raw = tokenFromRequest(request, query);
  if (raw.length === 0) {
    return { ok: false, response: writeError(401, { message: `Cookie "${SESSION_TOKEN_COOKIE}" must be provided.` }) };
  }
  const token = parseGoUUID(raw);
  if (token === undefined) {
    return {
      ok: false,
      response: writeError(401, {
        message: 'Workspace agent token invalid.',
        detail: `An agent token must be a valid UUIDv4. (len ${raw.length})`,
      }),
    };
  }
  const agent = world.agentByToken(token);
  if (!agent || agent.deleted || !agent.tokenBuildOk || !agent.workspace || agent.workspace.deleted) {
    return {
      ok: false,
      response: writeError(401, {
        message: 'Workspace agent not authorized.',
        detail: 'The agent cannot authenticate until the workspace provision job has been completed. If the job is no longer running, this agent is invalid.',
      }),
    };
  }
  return { ok: true, agent };
}
