// Resolves and checks the implementation binary before any case runs: a bare name is looked up
// on PATH; a missing, non-file or non-executable binary is one clear error (exit 2).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

export class BinaryError extends Error {}

export function resolveBinary(bin: string, pathEnv: string | undefined = process.env.PATH): string {
  if (bin === '') throw new BinaryError('--bin is empty');
  let candidate: string | undefined;
  if (bin.includes('/') || isAbsolute(bin)) candidate = resolve(bin);
  else {
    for (const dir of (pathEnv ?? '').split(delimiter).filter(Boolean)) {
      const p = join(dir, bin);
      try {
        if (statSync(p).isFile()) {
          candidate = p;
          break;
        }
      } catch {
        // not in this PATH entry
      }
    }
    if (!candidate) {
      let here = false;
      try {
        here = statSync(bin).isFile();
      } catch {
        // not in the working directory either
      }
      // Like a shell, a bare name is looked up on PATH only; say so when the file is right here.
      throw new BinaryError(`binary "${bin}" not found on PATH${here ? ` (to run the file in this folder, pass --bin ./${bin})` : ''}`);
    }
  }
  let st;
  try {
    st = statSync(candidate);
  } catch {
    throw new BinaryError(`binary not found: ${candidate}`);
  }
  if (!st.isFile()) throw new BinaryError(`binary is not a file: ${candidate}`);
  try {
    accessSync(candidate, constants.X_OK);
  } catch {
    throw new BinaryError(`binary is not executable: ${candidate} (chmod +x it)`);
  }
  return candidate;
}
