// Go net/url ParseQuery semantics for the coderd handlers (src/go has no decoder for it): pairs split
// on "&", a pair containing ";" is dropped, "+" is a space, a bad %-escape drops the pair, values are
// bytes (kept as Uint8Array so %q can show invalid UTF-8 as \xff). Query().Get = first value.
import { utf8DecodeLossy, utf8Encode } from '../../go/index.ts';

export type GoValues = Map<string, Uint8Array[]>;

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Go url.QueryUnescape on bytes; undefined when an escape is malformed. */
export function queryUnescape(s: string): Uint8Array | undefined {
  const b = utf8Encode(s);
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0x25) {
      if (i + 2 >= b.length) return undefined;
      const hi = unhex(b[i + 1]);
      const lo = unhex(b[i + 2]);
      if (hi < 0 || lo < 0) return undefined;
      out.push(hi * 16 + lo);
      i += 2;
    } else if (c === 0x2b) {
      out.push(0x20);
    } else {
      out.push(c);
    }
  }
  return Uint8Array.from(out);
}

/** Go url.ParseQuery(rawQuery) (errors ignored, as r.URL.Query() does). `rawQuery` has no leading "?". */
export function parseGoQuery(rawQuery: string): GoValues {
  const m: GoValues = new Map();
  for (const pair of rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const k = queryUnescape(eq < 0 ? pair : pair.slice(0, eq));
    const v = queryUnescape(eq < 0 ? '' : pair.slice(eq + 1));
    if (!k || !v) continue;
    const key = utf8DecodeLossy(k);
    const list = m.get(key) ?? [];
    list.push(v);
    m.set(key, list);
  }
  return m;
}

/** Query().Get(key) as bytes ('' when absent). */
export function getBytes(values: GoValues, key: string): Uint8Array {
  return values.get(key)?.[0] ?? new Uint8Array(0);
}

export function getString(values: GoValues, key: string): string {
  return utf8DecodeLossy(getBytes(values, key));
}

/** The raw query of a request URL, without "?". */
export function rawQueryOf(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return '';
  const hash = url.indexOf('#', q);
  return url.slice(q + 1, hash < 0 ? undefined : hash);
}
