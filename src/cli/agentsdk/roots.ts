// The certificate authorities Go trusts on Linux when SSL_CERT_FILE or SSL_CERT_DIR is set (crypto/x509
// loadSystemRoots): the certificates of SSL_CERT_FILE (else of the first readable default bundle) plus
// those of every file in the SSL_CERT_DIR directories (colon-separated; else the default directories).
// Without either variable the reference keeps Node's bundled roots (Mozilla's list, what a Debian
// system bundle holds too); a case trusts the simulator's test CA with SSL_CERT_FILE={ca_file}.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CERT_FILES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
];
const CERT_DIRS = ['/etc/ssl/certs', '/etc/pki/tls/certs'];

/** The CERTIFICATE blocks of a PEM text (x509 AppendCertsFromPEM skips everything else). */
function certificates(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return undefined;
  }
}

/** The trusted CAs (PEM blocks) Go would use, or undefined when neither variable is set (Node's own roots). */
export function goRootCAs(env: Record<string, string | undefined>): string[] | undefined {
  const file = env.SSL_CERT_FILE ?? '';
  const dir = env.SSL_CERT_DIR ?? '';
  if (file === '' && dir === '') return undefined;
  const out: string[] = [];
  for (const f of file !== '' ? [file] : CERT_FILES) {
    const text = read(f);
    if (text !== undefined) {
      out.push(...certificates(text));
      break;
    }
  }
  for (const d of dir !== '' ? dir.split(':') : CERT_DIRS) {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const n of names) {
      const text = read(join(d, n));
      if (text !== undefined) out.push(...certificates(text));
    }
  }
  return out;
}
