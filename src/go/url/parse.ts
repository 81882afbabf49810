// Go net/url.Parse: scheme, authority (userinfo, host, port checks), path, query, fragment,
// with Go's exact error texts (`parse "<url>": <problem>`, the URL %q-quoted without its fragment).
import { quote } from '../quote.ts';
import { GoURL, validOptionalPort } from './url.ts';
import { URLError, unescape } from './unescape.ts';
import { parseAddr } from './netip.ts';

export type ParseURLResult = { ok: true; url: GoURL } | { ok: false; error: string };

function getScheme(raw: string): [scheme: string, rest: string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
    if ((c >= '0' && c <= '9') || c === '+' || c === '-' || c === '.') {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new URLError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

/**
 * Go's net/url generation. '1.25' = Go 1.25.9 (coder at PR #24325): bracketed hosts must be IPv6 literals
 * (netip.ParseAddr), a `[` after the start of the host is rejected, the port is after the LAST colon.
 * '1.26' = Go 1.26.x (coder from 2026-05-05, #26883 era): the same plus `urlstrictcolons=1` — for http and
 * https URLs the port starts at the FIRST colon of an unbracketed host, so `http://h:1:2` and `http://::1/`
 * fail (other schemes keep the last colon, as Go 1.26.8 does: Go issue 78077).
 */
export type GoURLVersion = '1.25' | '1.26';
export interface ParseURLOptions {
  go?: GoURLVersion;
}
export const DEFAULT_GO_URL_VERSION: GoURLVersion = '1.25';

function parseHost(scheme: string, host: string, go: GoURLVersion): string {
  const open = host.lastIndexOf('[');
  if (open > 0) throw new URLError('invalid IP-literal');
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new URLError("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${quote(colonPort)} after host`);
    const port = unescape(colonPort, 'host');
    const hostname = host.slice(1, close);
    const zone = hostname.indexOf('%25');
    const unescaped = zone >= 0 ? unescape(hostname.slice(0, zone), 'host') + unescape(hostname.slice(zone), 'zone') : unescape(hostname, 'host');
    const addr = parseAddr(unescaped);
    if (!addr.ok) throw new URLError(`invalid host: ${addr.error}`);
    if (addr.is4) throw new URLError('invalid IP-literal');
    return '[' + unescaped + ']' + port;
  }
  let i = host.indexOf(':');
  if (i !== -1) {
    // Go 1.26.8 applies strict colons to http and https only (Go issues 75223, 78077).
    if (go === '1.25' || (scheme !== 'http' && scheme !== 'https')) i = host.lastIndexOf(':');
    const colonPort = host.slice(i);
    if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${quote(colonPort)} after host`);
  }
  return unescape(host, 'host');
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

function parseAuthority(u: GoURL, authority: string, go: GoURLVersion): void {
  const i = authority.lastIndexOf('@');
  u.host = parseHost(u.scheme, i < 0 ? authority : authority.slice(i + 1), go);
  if (i < 0) return;
  const userinfo = authority.slice(0, i);
  if (!validUserinfo(userinfo)) throw new URLError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) u.user = { username: unescape(userinfo, 'userPassword') };
  else {
    u.user = {
      username: unescape(userinfo.slice(0, colon), 'userPassword'),
      password: unescape(userinfo.slice(colon + 1), 'userPassword'),
    };
  }
}

function parse(raw: string, go: GoURLVersion): GoURL {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new URLError('net/url: invalid control character in URL');
  const u = new GoURL();
  u.goVersion = go;
  if (raw === '*') {
    u.path = '*';
    return u;
  }
  let rest: string;
  [u.scheme, rest] = getScheme(raw);
  u.scheme = u.scheme.toLowerCase();
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    u.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      u.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      u.opaque = rest;
      return u;
    }
    if (rest.split('/')[0].includes(':')) throw new URLError('first path segment in URL cannot contain colon');
  }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const i = authority.indexOf('/');
    if (i >= 0) {
      rest = authority.slice(i);
      authority = authority.slice(0, i);
    }
    parseAuthority(u, authority, go);
  } else if (u.scheme !== '' && rest.startsWith('/')) {
    u.omitHost = true;
  }
  u.setPath(rest);
  return u;
}

/**
 * Go url.Parse(raw). Errors read `parse "<raw without #fragment>": <problem>` exactly as Go prints them.
 * opts.go picks the Go generation (default '1.25', see GoURLVersion); the URL remembers it for parseRef.
 */
export function parseURL(raw: string, opts?: ParseURLOptions): ParseURLResult {
  const go = opts?.go ?? DEFAULT_GO_URL_VERSION;
  const hash = raw.indexOf('#');
  const u = hash >= 0 ? raw.slice(0, hash) : raw;
  const frag = hash >= 0 ? raw.slice(hash + 1) : '';
  let url: GoURL;
  try {
    url = parse(u, go);
  } catch (e) {
    if (e instanceof URLError) return { ok: false, error: `parse ${quote(u)}: ${e.message}` };
    throw e;
  }
  if (frag === '') return { ok: true, url };
  try {
    url.setFragment(frag);
  } catch (e) {
    if (e instanceof URLError) return { ok: false, error: `parse ${quote(raw)}: ${e.message}` };
    throw e;
  }
  return { ok: true, url };
}
