// Node socket/HTTP errors → the cause text Go's net/http would put after `Get "<url>": `.
// Mapped: ECONNREFUSED, ECONNRESET (reset vs. closed before a response = EOF), ENOTFOUND/EAI_AGAIN,
// ETIMEDOUT, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL, EPIPE, TLS certificate errors (short form), a
// plain-http answer to a TLS handshake (EPROTO "wrong version number");
// anything else keeps Node's message. Dial errors through a proxy get Go's `proxyconnect tcp: ` prefix.
import { isIP } from 'node:net';
import { type GoError, TextError } from '../errors/model.ts';
import { joinHostPort } from '../../go/index.ts';

/** A mapped transport cause that also remembers the errno (the GCP retry policy looks at it). */
export class NetError extends TextError {
  constructor(
    text: string,
    readonly code: string,
  ) {
    super(text);
  }
}

const hostPort = (host: string, port: number | string): string => joinHostPort(host, String(port));

/**
 * Go's text of a dialled IP (net.IP String): IPv6 in its shortest form (RFC 5952, which WHATWG's URL
 * serialiser also writes), an IPv4-mapped address as IPv4, a zone kept. Node names the address as given.
 */
export function goIPString(addr: string): string {
  const pct = addr.indexOf('%');
  const ip = pct < 0 ? addr : addr.slice(0, pct);
  if (isIP(ip) !== 6) return addr;
  let s = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(s);
  if (mapped) {
    const [hi, lo] = [Number.parseInt(mapped[1], 16), Number.parseInt(mapped[2], 16)];
    s = `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return pct < 0 ? s : s + addr.slice(pct);
}

export interface DialInfo {
  host: string;
  port: string;
  viaProxy: boolean;
  localAddress?: string;
  localPort?: number;
  remoteAddress?: string;
  remotePort?: number;
  /** True once response headers were being waited for (the request was written). */
  requestSent: boolean;
}

/**
 * x509.HostnameError's text from the certificate's subject alternative names (Node's `DNS:a, IP Address:b`
 * form): for an IP host the IP SANs, else the DNS names.
 */
function hostnameError(host: string, san: string): string {
  const names = san === '' ? [] : san.split(', ');
  const of = (kind: string) => names.filter((n) => n.startsWith(kind)).map((n) => n.slice(kind.length));
  const ip = isIP(host) !== 0;
  const valid = ip ? of('IP Address:') : of('DNS:');
  if (ip && valid.length === 0) return `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;
  if (valid.length === 0) return `x509: certificate is not valid for any names, but wanted to match ${host}`;
  return `x509: certificate is valid for ${valid.join(', ')}, not ${host}`;
}

export function mapNodeError(e: unknown, d: DialInfo): GoError {
  const err = e as NodeJS.ErrnoException & { address?: string; port?: number };
  const code = err?.code ?? '';
  // Go names the address it dialled: the resolved one, or `:port` for an empty host (the unspecified address).
  const target = d.host === '' ? `:${d.port}` : hostPort(goIPString(err.address ?? d.host), err.port ?? d.port);
  const pfx = d.viaProxy ? 'proxyconnect tcp: ' : '';
  switch (code) {
    case 'ERR_SOCKET_BAD_PORT':
      // A port above 65535 (url.Parse takes any digits): Go's net.Dial refuses it before dialling.
      return new NetError(`${pfx}dial tcp: address ${d.port}: invalid port`, code);
    case 'ECONNREFUSED':
      return new NetError(`${pfx}dial tcp ${target}: connect: connection refused`, code);
    case 'ETIMEDOUT':
      return new NetError(`${pfx}dial tcp ${target}: connect: connection timed out`, code);
    case 'EHOSTUNREACH':
      return new NetError(`${pfx}dial tcp ${target}: connect: no route to host`, code);
    case 'ENETUNREACH':
      return new NetError(`${pfx}dial tcp ${target}: connect: network is unreachable`, code);
    case 'EADDRNOTAVAIL':
      return new NetError(`${pfx}dial tcp ${target}: connect: cannot assign requested address`, code);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new NetError(`${pfx}dial tcp: lookup ${d.host}: no such host`, code);
    case 'ECONNRESET':
    case 'EPIPE':
      if (err.message === 'socket hang up' || !d.remoteAddress) return new NetError('EOF', code);
      return new NetError(
        `read tcp ${hostPort(d.localAddress ?? '', d.localPort ?? 0)}->${hostPort(d.remoteAddress, d.remotePort ?? 0)}: read: connection reset by peer`,
        code,
      );
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return new NetError('tls: failed to verify certificate: x509: certificate signed by unknown authority', code);
    case 'EPROTO':
      // OpenSSL's "wrong version number": the first record is not TLS. Go names the usual cause (its
      // record starts with "HTTP/": a plain-http server answered the ClientHello); other non-TLS
      // answers (Go: "tls: first record does not look like a TLS handshake") are not told apart here.
      // Through a proxy the TLS error is wrapped (proxyconnect), so Go does not look at the record.
      if (/wrong version number/.test(err.message ?? ''))
        return new NetError(
          d.viaProxy ? `${pfx}tls: first record does not look like a TLS handshake` : 'http: server gave HTTP response to HTTPS client',
          code,
        );
      return new NetError(err?.message ?? String(e), code);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new NetError(
        `tls: failed to verify certificate: ${hostnameError(d.host, (err as { cert?: { subjectaltname?: string } }).cert?.subjectaltname ?? '')}`,
        code,
      );
    default:
      return new NetError(err?.message ?? String(e), code);
  }
}
