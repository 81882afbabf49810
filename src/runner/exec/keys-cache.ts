// The simulator's test keys, kept between runs in the user cache so that no run waits for RSA key
// generation before its first case (issue 13): the cloud keys (src/sim/cloud/keys.ts: the AWS
// certificate, the Azure test CA and signer, the GCP JWKS key; four RSA keys, ~0.7 s) and the TLS
// identity (src/sim/server/tls.ts: the test CA and coderd's certificate; two RSA keys, ~0.3 s). Used
// by the command (src/runner/command/main.ts) only. The files are `cloud-keys.json` and
// `tls-identity.json` (mode 0600) in `${XDG_CACHE_HOME:-~/.cache}/coder-agent-conformance/keys/`.
// Cloud keys older than MAX_AGE_DAYS are minted again (their certificates are valid for ten years;
// this only keeps a cache from living forever); a TLS identity is minted again when its certificate
// has less than a day to live (it is valid for seven). These are the suite's own test keys, trusted by
// nothing but its simulator and the cases' {ca_file}. A cache that cannot be read or written is
// ignored (new keys are minted, as without it).
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportCloudKeys, importCloudKeys, mintCloudKeys, mintTlsIdentity, type CloudKeys, type CloudKeysData, type TlsIdentity } from '../../sim/index.ts';

export const MAX_AGE_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * What `file` holds when `read` accepts it (undefined: absent, stale or not ours), else what `mint`
 * makes, written to `file` (atomically, mode 0600) as `write` exports it.
 */
async function cached<T>(
  dir: string,
  name: string,
  read: (data: unknown) => Promise<T | undefined>,
  mint: () => Promise<T>,
  write: (v: T) => Promise<unknown>,
): Promise<T> {
  const file = join(dir, name);
  try {
    const hit = await read(JSON.parse(readFileSync(file, 'utf8')));
    if (hit !== undefined) return hit;
  } catch {
    // absent, unreadable or not an export: mint below
  }
  const value = await mint();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(await write(value))}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // a cache that cannot be written is no cache
  }
  return value;
}

/** The cloud keys from `dir` when a current export is there, else new ones (then written there). */
export function cachedCloudKeys(dir: string, now = new Date()): Promise<CloudKeys> {
  return cached(
    dir,
    'cloud-keys.json',
    async (data) => {
      const age = now.getTime() - Date.parse((data as CloudKeysData).created);
      return age >= 0 && age < MAX_AGE_DAYS * DAY_MS ? importCloudKeys(data as CloudKeysData) : undefined;
    },
    mintCloudKeys,
    (keys) => exportCloudKeys(keys, now),
  );
}

/** The TLS identity from `dir` when its certificate is valid now and for a day more, else a new one. */
export function cachedTlsIdentity(dir: string, now = new Date()): Promise<TlsIdentity> {
  return cached(
    dir,
    'tls-identity.json',
    async (data) => {
      const t = data as TlsIdentity;
      if (typeof t.caPem !== 'string' || typeof t.certPem !== 'string' || typeof t.keyPem !== 'string') return undefined;
      const cert = new X509Certificate(t.certPem);
      const current = Date.parse(cert.validFrom) <= now.getTime() && now.getTime() + DAY_MS < Date.parse(cert.validTo);
      return current && cert.checkIssued(new X509Certificate(t.caPem)) && cert.checkPrivateKey(createPrivateKey(t.keyPem))
        ? { caPem: t.caPem, certPem: t.certPem, keyPem: t.keyPem }
        : undefined;
    },
    () => mintTlsIdentity(now),
    async (t) => t,
  );
}
