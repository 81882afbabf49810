// Canonical form of a pact file, so regeneration is byte-for-byte stable (`git diff` empty on a
// re-run): interactions sorted by description then provider states, object keys sorted, two-space
// JSON with one trailing newline.
import { readFile, writeFile } from 'node:fs/promises';

export interface PactProviderState {
  name: string;
  params?: Record<string, unknown>;
}

export interface PactInteraction {
  description: string;
  type?: string;
  providerStates?: PactProviderState[];
  request: { method: string; path: string; [k: string]: unknown };
  response: { status: number; [k: string]: unknown };
  [k: string]: unknown;
}

export interface PactFile {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
  metadata: Record<string, unknown>;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

const interactionKey = (i: PactInteraction) => `${i.description}\u0000${JSON.stringify(sortKeys(i.providerStates ?? []))}`;

export function canonicalPact(pact: PactFile): PactFile {
  const keys = new Set<string>();
  for (const i of pact.interactions) {
    const k = interactionKey(i);
    if (keys.has(k)) {
      throw new Error(`pact has two interactions ${JSON.stringify(i.description)} with provider states ${JSON.stringify(sortKeys(i.providerStates ?? []))}`);
    }
    keys.add(k);
  }
  const interactions = [...pact.interactions].sort((a, b) => {
    const ka = interactionKey(a);
    const kb = interactionKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return sortKeys({ ...pact, interactions }) as PactFile;
}

export function serializePact(pact: PactFile): string {
  return `${JSON.stringify(canonicalPact(pact), null, 2)}\n`;
}

export async function readPact(file: string): Promise<PactFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read pact file ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as PactFile;
  } catch (e) {
    throw new Error(`pact file ${file} is not JSON: ${(e as Error).message}`);
  }
}

/** Reads the pact Pact wrote (raw) and writes its canonical form to `to`. */
export async function canonicalizePactFile(from: string, to: string): Promise<string> {
  const text = serializePact(await readPact(from));
  await writeFile(to, text);
  return text;
}
