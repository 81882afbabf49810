// The simulator's cloud test keys (src/sim/cloud/keys.ts: the AWS certificate, the Azure test CA and
// signer, the GCP JWKS key), kept between runs in the user cache: minting their four RSA keys took
// ~0.7 s of every run, before the first case could start (issue 13). Used by the command
// (src/runner/command/main.ts) only. The file is `cloud-keys.json` (mode 0600) in
// `${XDG_CACHE_HOME:-~/.cache}/coder-agent-conformance/keys/`; keys older than MAX_AGE_DAYS are
// minted again (their certificates are valid for ten years; this only keeps a cache from living
// forever). These are the suite's own test keys, trusted by nothing but its simulator. A cache that
// cannot be read or written is ignored (new keys are minted, as without it).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportCloudKeys, importCloudKeys, mintCloudKeys, type CloudKeys, type CloudKeysData } from '../../sim/index.ts';

export const MAX_AGE_DAYS = 30;
const FILE = 'cloud-keys.json';

async function fromCache(file: string, now: Date): Promise<CloudKeys | undefined> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as CloudKeysData;
    const age = now.getTime() - Date.parse(data.created);
    if (!(age >= 0 && age < MAX_AGE_DAYS * 86_400_000)) return undefined;
    return await importCloudKeys(data);
  } catch {
    return undefined; // absent, unreadable or not an export: mint below
  }
}

/** The cloud keys from `dir` when a current export is there, else new ones (then written there). */
export async function cachedCloudKeys(dir: string, now = new Date()): Promise<CloudKeys> {
  const file = join(dir, FILE);
  const cached = await fromCache(file, now);
  if (cached) return cached;
  const keys = await mintCloudKeys();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(await exportCloudKeys(keys, now))}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // a cache that cannot be written is no cache
  }
  return keys;
}
