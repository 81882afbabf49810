// The simulator's TLS identity: a test CA and the coderd server certificate it issues (SANs: DNS
// coderd.test, IP 127.0.0.1 and 0.0.0.0; serverAuth), made once per process. The server serves
// https://127.0.0.1:<tls port> with it; a case trusts it through SSL_CERT_FILE={ca_file} (Go reads that
// file instead of the system's bundle), or does not, to see Go's certificate errors.
import { exportPkcs8, issueCertificate, toPem } from '../cloud/x509.ts';

export interface TlsIdentity {
  /** The CA certificate (PEM): the contents of a case's {ca_file}. */
  caPem: string;
  /** The server's certificate (PEM, leaf only) and private key (PKCS#8 PEM). */
  certPem: string;
  keyPem: string;
}

/** The names the server certificate is valid for. */
export const TLS_SERVER_NAMES = { dns: ['coderd.test'], ip: ['127.0.0.1', '0.0.0.0'] };

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
let identity: Promise<TlsIdentity> | undefined;

/** A new identity: its certificates are valid from an hour before `now` for seven days. */
export async function mintTlsIdentity(at = new Date()): Promise<TlsIdentity> {
  const now = at.getTime();
  const validity = { notBefore: new Date(now - 3600_000), notAfter: new Date(now + 7 * 24 * 3600_000) };
  const ca = await issueCertificate({ commonName: 'coder-conformance test CA', isCA: true, ...validity });
  const leaf = await issueCertificate({
    commonName: 'coderd.test',
    isCA: false,
    issuer: ca,
    extKeyUsages: [SERVER_AUTH],
    san: TLS_SERVER_NAMES,
    ...validity,
  });
  return { caPem: ca.pem, certPem: leaf.pem, keyPem: toPem('PRIVATE KEY', await exportPkcs8(leaf.privateKey)) };
}

/** The process's TLS identity (made on first use, about 0.2 s). */
export function tlsIdentity(): Promise<TlsIdentity> {
  identity ??= mintTlsIdentity().catch((e: unknown) => {
    identity = undefined;
    throw e;
  });
  return identity;
}
