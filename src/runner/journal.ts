// Reads a simulator journal into the plain WireEntry list the judge uses. Accepts the forms a
// journal object may take (an array, `.entries` array or method, iterable) so the runner depends
// only on the entry shape documented in docs/architecture.md.
import type { WireEntry } from './types.ts';

export function journalEntries(journal: unknown): WireEntry[] {
  let list: unknown;
  if (Array.isArray(journal)) list = journal;
  else if (journal && typeof journal === 'object') {
    const j = journal as { entries?: unknown; all?: unknown; [Symbol.iterator]?: unknown };
    if (typeof j.entries === 'function') list = (j.entries as () => unknown).call(journal);
    else if (Array.isArray(j.entries)) list = j.entries;
    else if (typeof j.all === 'function') list = (j.all as () => unknown).call(journal);
    else if (typeof j[Symbol.iterator] === 'function') list = [...(journal as Iterable<unknown>)];
  }
  if (list && !Array.isArray(list) && typeof (list as Iterable<unknown>)[Symbol.iterator] === 'function') list = [...(list as Iterable<unknown>)];
  if (!Array.isArray(list)) throw new Error('simulator journal is not readable (expected an array of entries)');
  return list.map((e) => {
    const x = e as WireEntry;
    return { ...x, headers: x.headers ?? [], body: x.body ?? '', violations: x.violations ?? [], response: x.response ?? { status: 0 } };
  });
}
