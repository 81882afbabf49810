// Where a request received by the loopback server goes: origin-form targets to coderd (metadata
// paths such as /computeMetadata/... to the metadata services, for GCE_METADATA_HOST), absolute-form
// targets for the metadata hosts to the metadata services (forward proxy), CONNECT refused,
// anything else unhandled. Never to the network.
import { isMetadataPath, METADATA_HOSTS } from '../operations.ts';

/** The origin the metadata handlers listen on (the link-local address shared by the three clouds). */
export const METADATA_ORIGIN = 'http://169.254.169.254';

export type Route =
  | { kind: 'connect'; url: string }
  | { kind: 'local'; fetchUrl: string; url: string; proxied: boolean }
  | { kind: 'foreign'; url: string };

export function routeRequest(method: string, target: string, origin: string): Route {
  if (method === 'CONNECT') return { kind: 'connect', url: target };
  const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(target);
  if (!absolute) {
    const path = target.startsWith('/') ? target : `/${target}`;
    const pathname = path.split('?')[0];
    const fetchUrl = isMetadataPath(pathname) ? METADATA_ORIGIN + path : origin + path;
    return { kind: 'local', fetchUrl, url: origin + path, proxied: false };
  }
  let parsed: URL;
  try {
    parsed = new URL(target);
  } catch {
    return { kind: 'foreign', url: target };
  }
  if (parsed.protocol === 'http:' && METADATA_HOSTS.includes(parsed.hostname) && (parsed.port === '' || parsed.port === '80')) {
    return { kind: 'local', fetchUrl: target, url: target, proxied: true };
  }
  if (parsed.origin === origin) return { kind: 'local', fetchUrl: target, url: target, proxied: true };
  return { kind: 'foreign', url: target };
}
