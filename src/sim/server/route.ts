// Where a request received by the loopback server goes: origin-form targets to coderd (metadata
// paths such as /computeMetadata/... to the metadata services, for GCE_METADATA_HOST), absolute-form
// targets for the metadata hosts to the metadata services (forward proxy), CONNECT refused,
// anything else unhandled. Never to the network.
import { isMetadataPath, METADATA_HOSTS } from '../operations.ts';

/** The origin the metadata handlers listen on (the link-local address shared by the three clouds). */
export const METADATA_ORIGIN = 'http://169.254.169.254';

export type Route = { kind: 'connect'; url: string } | { kind: 'local'; fetchUrl: string; url: string; proxied: boolean } | { kind: 'foreign'; url: string };

// This host: the loopback names, and 0.0.0.0 (a connection to it reaches this host; it is not a
// loopback address for Go's proxy choice, so cases use it to tell a proxied request from a direct one).
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '0.0.0.0']);

/** An origin-form target (or the path of an absolute one) answered by this server. */
function local(pathWithQuery: string, origin: string, requested: string | undefined): Route {
  const path = pathWithQuery.startsWith('/') ? pathWithQuery : `/${pathWithQuery}`;
  const pathname = path.split('?')[0];
  const fetchUrl = isMetadataPath(pathname) ? METADATA_ORIGIN + path : origin + path;
  return { kind: 'local', fetchUrl, url: requested ?? origin + path, proxied: requested !== undefined };
}

export function routeRequest(method: string, target: string, origin: string): Route {
  if (method === 'CONNECT') return { kind: 'connect', url: target };
  const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(target);
  if (!absolute) return local(target, origin, undefined);
  let parsed: URL;
  try {
    parsed = new URL(target);
  } catch {
    return { kind: 'foreign', url: target };
  }
  if (parsed.protocol === 'http:' && METADATA_HOSTS.includes(parsed.hostname) && (parsed.port === '' || parsed.port === '80')) {
    return { kind: 'local', fetchUrl: target, url: target, proxied: true };
  }
  // A client that proxies even loopback (Go never does) reaches this server through itself.
  const own = new URL(origin);
  if (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname) && parsed.port === own.port) {
    const rest = target.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/, '');
    return local(rest === '' || rest.startsWith('?') ? `/${rest}` : rest, origin, target);
  }
  return { kind: 'foreign', url: target };
}
