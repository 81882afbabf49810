// Judges the simulator's journal against a case's `requests` assertions: which requests the
// implementation sent (method, path, query, headers, JSON body), how many, and in what order.
// Pure functions over plain data.
import type { Expectations, Failure, RequestAssertion, WireEntry } from '../types.ts';

/** The raw query string exactly as sent (text after the first `?`, without a fragment). */
export function rawQuery(entry: WireEntry): string {
  const q = entry.url.indexOf('?');
  if (q < 0) return '';
  const rest = entry.url.slice(q + 1);
  const h = rest.indexOf('#');
  return h < 0 ? rest : rest.slice(0, h);
}

/** Decodes a query string the way Go's url.ParseQuery does (`+` is a space). */
export function parseQuery(raw: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (raw === '') return out;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const dec = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const k = dec(eq < 0 ? part : part.slice(0, eq));
    const v = dec(eq < 0 ? '' : part.slice(eq + 1));
    out.set(k, [...(out.get(k) ?? []), v]);
  }
  return out;
}

export function headerValues(entry: WireEntry, name: string): string[] {
  const lower = name.toLowerCase();
  return entry.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao);
  return ak.length === Object.keys(bo).length && ak.every((k) => Object.hasOwn(bo, k) && deepEqual(ao[k], bo[k]));
}

/** `expected` is contained in `actual`: object keys recursively, arrays element-wise with equal length. */
export function isSubset(expected: unknown, actual: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return deepEqual(expected, actual);
  if (actual === null || typeof actual !== 'object' || Array.isArray(expected) !== Array.isArray(actual)) return false;
  if (Array.isArray(expected)) {
    const arr = actual as unknown[];
    return expected.length === arr.length && expected.every((v, i) => isSubset(v, arr[i]));
  }
  const act = actual as Record<string, unknown>;
  return Object.entries(expected).every(([k, v]) => Object.hasOwn(act, k) && isSubset(v, act[k]));
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

const show = (v: unknown) => JSON.stringify(v);

/** Every way `entry` differs from `a`; empty when it matches. */
export function entryMismatches(entry: WireEntry, a: RequestAssertion): string[] {
  const out: string[] = [];
  if (a.service !== undefined && entry.service !== a.service) out.push(`service is ${show(entry.service)}, want ${show(a.service)}`);
  if (a.operation !== undefined && entry.operationId !== a.operation) out.push(`operation is ${show(entry.operationId ?? null)}, want ${show(a.operation)}`);
  if (a.method !== undefined && entry.method.toUpperCase() !== a.method.toUpperCase()) out.push(`method is ${entry.method}, want ${a.method}`);
  if (a.path !== undefined && entry.path !== a.path) out.push(`path is ${show(entry.path)}, want ${show(a.path)}`);
  if (a.url !== undefined && entry.url !== a.url) out.push(`url is ${show(entry.url)}, want ${show(a.url)}`);
  const raw = rawQuery(entry);
  if (a.query !== undefined && raw !== a.query) out.push(`query is ${show(raw)}, want ${show(a.query)}`);
  if (a.query_params) {
    const q = parseQuery(raw);
    for (const [k, want] of Object.entries(a.query_params)) {
      const got = q.get(k);
      if (want === null) {
        if (got) out.push(`query parameter ${show(k)} is present (${show(got.join(','))}), want absent`);
      } else if (!got) out.push(`query parameter ${show(k)} is absent, want ${show(want)}`);
      else if (got.length !== 1 || got[0] !== want) out.push(`query parameter ${show(k)} is ${show(got.join(','))}, want ${show(want)}`);
    }
  }
  for (const [name, want] of Object.entries(a.headers ?? {})) {
    const got = headerValues(entry, name);
    if (want === null) {
      if (got.length) out.push(`header ${name} is present (${show(got.join(', '))}), want absent`);
    } else if (got.length === 0) out.push(`header ${name} is absent, want ${show(want)}`);
    else if (got.join(', ') !== want) out.push(`header ${name} is ${show(got.join(', '))}, want ${show(want)}`);
  }
  for (const name of a.headers_present ?? []) if (headerValues(entry, name).length === 0) out.push(`header ${name} is absent, want present`);
  for (const name of a.headers_absent ?? []) if (headerValues(entry, name).length) out.push(`header ${name} is present, want absent`);
  for (const name of a.header_names_exact ?? []) {
    if (!entry.headers.some(([n]) => n === name)) {
      const spelled = entry.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([n]) => n);
      out.push(`header name ${show(name)} not sent with that exact spelling${spelled.length ? ` (sent as ${show(spelled.join(', '))})` : ' (absent)'}`);
    }
  }
  if (a.header_order !== undefined) {
    const sent = entry.headers.map(([n]) => n);
    if (sent.join('\n') !== a.header_order.join('\n'))
      out.push(`headers were sent in the order ${show(sent.join(', '))}, want ${show(a.header_order.join(', '))}`);
  }
  if (a.body !== undefined && entry.body !== a.body) out.push(`body is ${show(entry.body)}, want ${show(a.body)}`);
  if (a.body_json !== undefined || a.body_json_subset !== undefined || a.body_keys_absent) {
    const parsed = parseJson(entry.body);
    if (!parsed.ok) out.push(`body is not JSON: ${show(entry.body.slice(0, 200))}`);
    else {
      if (a.body_json !== undefined && !deepEqual(a.body_json, parsed.value))
        out.push(`JSON body is ${show(parsed.value)}, want equal to ${show(a.body_json)}`);
      if (a.body_json_subset !== undefined && !isSubset(a.body_json_subset, parsed.value))
        out.push(`JSON body is ${show(parsed.value)}, want it to contain ${show(a.body_json_subset)}`);
      for (const k of a.body_keys_absent ?? []) {
        const v = parsed.value;
        if (v && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, k)) {
          out.push(`JSON body has key ${show(k)} (${show((v as Record<string, unknown>)[k])}), want absent`);
        }
      }
    }
  }
  if (a.body_matches !== undefined && !new RegExp(a.body_matches).test(entry.body)) out.push(`body ${show(entry.body)} does not match /${a.body_matches}/`);
  if (a.response_body_contains !== undefined && !(entry.response.body ?? '').includes(a.response_body_contains)) {
    out.push(`response body ${show((entry.response.body ?? '').slice(0, 300))} does not contain ${show(a.response_body_contains)}`);
  }
  if (a.proxied !== undefined && entry.proxied !== a.proxied)
    out.push(a.proxied ? 'request came directly, want it through the proxy' : 'request came through the proxy, want it direct');
  if (a.response_status !== undefined && entry.response.status !== a.response_status)
    out.push(`response status is ${entry.response.status}, want ${a.response_status}`);
  return out;
}

export function describeEntry(e: WireEntry): string {
  return `#${e.seq} ${e.service}${e.operationId ? `/${e.operationId}` : ''} ${e.method} ${e.path}${rawQuery(e) ? `?${rawQuery(e)}` : ''} -> ${e.response.status}`;
}

function describeAssertion(a: RequestAssertion): string {
  if (a.description) return a.description;
  const what = [a.method, a.path ?? a.operation ?? a.service].filter(Boolean).join(' ');
  return what || JSON.stringify(a);
}

function journalListing(journal: WireEntry[]): string {
  return journal.length ? `journal:\n${journal.map((e) => `  ${describeEntry(e)}`).join('\n')}` : 'journal: (no requests)';
}

/** The entry that comes closest (fewest mismatches), for the failure detail. */
function closest(journal: WireEntry[], a: RequestAssertion): { entry: WireEntry; mismatches: string[] } | undefined {
  let best: { entry: WireEntry; mismatches: string[] } | undefined;
  for (const entry of journal) {
    const mismatches = entryMismatches(entry, a);
    if (!best || mismatches.length < best.mismatches.length) best = { entry, mismatches };
  }
  return best;
}

export function judgeWire(journal: WireEntry[], expect: Expectations): Failure[] {
  const failures: Failure[] = [];
  const sorted = [...journal].sort((x, y) => x.seq - y.seq);
  for (const a of expect.requests ?? []) {
    const matches = sorted.filter((e) => entryMismatches(e, a).length === 0);
    const ok = a.count === undefined ? matches.length >= 1 : matches.length === a.count;
    if (ok) continue;
    const near = matches.length === 0 ? closest(sorted, a) : undefined;
    const want = a.count === undefined ? 'at least 1' : String(a.count);
    failures.push({
      kind: 'wire',
      message: `${describeAssertion(a)}: ${matches.length} matching request(s), want ${want}`,
      detail: [near ? `closest: ${describeEntry(near.entry)}\n${near.mismatches.map((m) => `  - ${m}`).join('\n')}` : '', journalListing(sorted)]
        .filter(Boolean)
        .join('\n'),
    });
  }
  if (expect.requests_in_order && failures.length === 0 && expect.requests) {
    let lastSeq = -Infinity;
    for (const a of expect.requests) {
      if (a.count === 0) continue;
      const next = sorted.find((e) => e.seq > lastSeq && entryMismatches(e, a).length === 0);
      if (!next) {
        failures.push({
          kind: 'wire',
          message: `requests out of order: no "${describeAssertion(a)}" after request #${lastSeq}`,
          detail: journalListing(sorted),
        });
        break;
      }
      lastSeq = next.seq;
    }
  }
  if (expect.total_requests !== undefined && sorted.length !== expect.total_requests) {
    failures.push({ kind: 'wire', message: `${sorted.length} request(s) in the journal, want ${expect.total_requests}`, detail: journalListing(sorted) });
  }
  if (!expect.allow_unhandled) {
    for (const e of sorted.filter((x) => x.service === 'unhandled')) {
      failures.push({ kind: 'wire', message: `request the simulator does not know: ${e.method} ${e.url}` });
    }
  }
  return failures;
}

/**
 * Response-side violations (`response: ...` as the journal labels them, or `<operationId>: response ...`)
 * come from the simulator's own answers (faults), not from the implementation under test.
 */
export function isResponseViolation(v: string): boolean {
  return /^response: /.test(v) || /^[A-Za-z0-9_]+: response /.test(v);
}

/** Contract violations of the implementation's requests, minus those the case allows. */
export function judgeViolations(journal: WireEntry[], allowed: string[] = []): Failure[] {
  const out: Failure[] = [];
  for (const e of journal) {
    const own = e.violations.filter((v) => !isResponseViolation(v) && !allowed.some((a) => v.includes(a)));
    if (own.length) out.push({ kind: 'openapi', message: `${describeEntry(e)} violates openapi.yaml`, detail: own.map((v) => `  - ${v}`).join('\n') });
  }
  return out;
}
