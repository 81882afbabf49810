// A folder into a hash: every file under it (sorted, recursive), its path relative to the folder, then its
// bytes. Keys the case sets kept in memory (load-cases.ts) and on disk (cache.ts).
import type { Hash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function hashTree(h: Hash, dir: string, rel = ''): void {
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    const p = join(dir, r);
    if (statSync(p).isDirectory()) {
      h.update(`dir\0${r}\0`);
      hashTree(h, dir, r);
    } else {
      const bytes = readFileSync(p);
      h.update(`file\0${r}\0${bytes.length}\0`);
      h.update(bytes);
    }
  }
}
