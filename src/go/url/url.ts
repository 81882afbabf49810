// Go net/url.URL: fields, String(), Hostname(), Port(), EscapedPath(), ResolveReference and u.Parse(ref).
import { escape } from './escape.ts';
import { unescape, validEncoded } from './unescape.ts';
import { DEFAULT_GO_URL_VERSION, parseURL, type GoURLVersion } from './parse.ts'; // cyclic import, used only at call time

export interface GoUserinfo {
  username: string;
  /** undefined when no password was given (Go's passwordSet false). */
  password?: string;
}

/** Go url.validOptionalPort: "" or ":" followed by digits only. */
export function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^[0-9]*$/.test(port.slice(1));
}

function splitHostPort(hostPort: string): [host: string, port: string] {
  let host = hostPort;
  let port = '';
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(host.slice(colon))) {
    port = host.slice(colon + 1);
    host = host.slice(0, colon);
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return [host, port];
}

/** Go resolvePath: merge base and ref paths and remove dot segments. */
export function resolvePath(base: string, ref: string): string {
  let full: string;
  if (ref === '') full = base;
  else if (ref[0] !== '/') full = base.slice(0, base.lastIndexOf('/') + 1) + ref;
  else full = ref;
  if (full === '') return '';
  let dst = '/';
  let first = true;
  const elems = full.split('/');
  let elem = '';
  for (elem of elems) {
    if (elem === '.') {
      first = false;
      continue;
    }
    if (elem === '..') {
      const str = dst.slice(1);
      const index = str.lastIndexOf('/');
      dst = '/';
      if (index === -1) first = true;
      else dst += str.slice(0, index);
    } else {
      if (!first) dst += '/';
      dst += elem;
      first = false;
    }
  }
  if (elem === '.' || elem === '..') dst += '/';
  if (dst.length > 1 && dst[1] === '/') dst = dst.slice(1);
  return dst;
}

export class GoURL {
  scheme = '';
  opaque = '';
  user?: GoUserinfo;
  host = '';
  path = '';
  rawPath = '';
  omitHost = false;
  forceQuery = false;
  rawQuery = '';
  fragment = '';
  rawFragment = '';
  /** The Go generation whose url.Parse produced this URL (used again by parseRef). */
  goVersion: GoURLVersion = DEFAULT_GO_URL_VERSION;

  clone(): GoURL {
    const u = Object.assign(new GoURL(), this);
    if (this.user) u.user = { ...this.user };
    return u;
  }

  /** Go setPath: Path is the unescaped form, RawPath kept only when the default escaping differs. */
  setPath(p: string): void {
    this.path = unescape(p, 'path');
    this.rawPath = escape(this.path, 'path') === p ? '' : p;
  }

  setFragment(f: string): void {
    this.fragment = unescape(f, 'fragment');
    this.rawFragment = escape(this.fragment, 'fragment') === f ? '' : f;
  }

  hostname(): string {
    return splitHostPort(this.host)[0];
  }

  port(): string {
    return splitHostPort(this.host)[1];
  }

  escapedPath(): string {
    if (this.rawPath !== '' && validEncoded(this.rawPath, 'path')) {
      try {
        if (unescape(this.rawPath, 'path') === this.path) return this.rawPath;
      } catch {
        // fall through to the default escaping
      }
    }
    if (this.path === '*') return '*';
    return escape(this.path, 'path');
  }

  escapedFragment(): string {
    if (this.rawFragment !== '' && validEncoded(this.rawFragment, 'fragment')) {
      try {
        if (unescape(this.rawFragment, 'fragment') === this.fragment) return this.rawFragment;
      } catch {
        // fall through
      }
    }
    return escape(this.fragment, 'fragment');
  }

  /** Go URL.RequestURI: the encoded path?query (or opaque) used in an HTTP request line. */
  requestURI(): string {
    let result = this.opaque;
    if (result === '') {
      result = this.escapedPath();
      if (result === '') result = '/';
    } else if (result.startsWith('//')) {
      result = this.scheme + ':' + result;
    }
    if (this.forceQuery || this.rawQuery !== '') result += '?' + this.rawQuery;
    return result;
  }

  /** Go URL.String(). */
  toString(): string {
    let buf = '';
    if (this.scheme !== '') buf += this.scheme + ':';
    if (this.opaque !== '') buf += this.opaque;
    else {
      if (this.scheme !== '' || this.host !== '' || this.user !== undefined) {
        if (!(this.omitHost && this.host === '' && this.user === undefined)) {
          if (this.host !== '' || this.path !== '' || this.user !== undefined) buf += '//';
          if (this.user !== undefined) {
            buf += escape(this.user.username, 'userPassword');
            if (this.user.password !== undefined) buf += ':' + escape(this.user.password, 'userPassword');
            buf += '@';
          }
          if (this.host !== '') buf += escape(this.host, 'host');
        }
      }
      const path = this.escapedPath();
      if (path !== '' && path[0] !== '/' && this.host !== '') buf += '/';
      if (buf.length === 0 && path.split('/')[0].includes(':')) buf += './';
      buf += path;
    }
    if (this.forceQuery || this.rawQuery !== '') buf += '?' + this.rawQuery;
    if (this.fragment !== '') buf += '#' + this.escapedFragment();
    return buf;
  }

  /** Go URL.ResolveReference(ref). */
  resolveReference(ref: GoURL): GoURL {
    const url = ref.clone();
    if (ref.scheme === '') url.scheme = this.scheme;
    if (ref.scheme !== '' || ref.host !== '' || ref.user !== undefined) {
      url.setPath(resolvePath(ref.escapedPath(), ''));
      return url;
    }
    if (ref.opaque !== '') {
      url.user = undefined;
      url.host = '';
      url.path = '';
      return url;
    }
    if (ref.path === '' && !ref.forceQuery && ref.rawQuery === '') {
      url.rawQuery = this.rawQuery;
      if (ref.fragment === '') {
        url.fragment = this.fragment;
        url.rawFragment = this.rawFragment;
      }
    }
    if (ref.path === '' && this.opaque !== '') {
      url.opaque = this.opaque;
      url.user = undefined;
      url.host = '';
      url.path = '';
      return url;
    }
    url.host = this.host;
    url.user = this.user ? { ...this.user } : undefined;
    url.setPath(resolvePath(this.escapedPath(), ref.escapedPath()));
    return url;
  }

  /**
   * Go u.Parse(ref): parse ref in the context of this URL. Throws an Error with Go's message when ref is
   * invalid (use parseURL(ref) first to get the error as a value).
   */
  parseRef(ref: string): GoURL {
    const r = parseURL(ref, { go: this.goVersion });
    if (!r.ok) throw new Error(r.error);
    return this.resolveReference(r.url);
  }
}
