// Known failures: a YAML file listing case ids expected to fail, each with a reason and an
// optional expiry date (last valid day, YYYY-MM-DD, UTC). Parsing, applying to results, and
// writing a ready file for the current failures.
import { readFileSync } from 'node:fs';
import { parse as parseYaml, stringify } from 'yaml';
import type { CaseResult } from '../types.ts';

export interface KnownFailure {
  id: string;
  reason: string;
  expires?: string;
}

export class KnownFailuresError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD naming a day that exists (Date.parse would take 2026-02-30 as 2026-03-02). */
function isCalendarDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

export function parseKnownFailures(text: string, source: string, knownIds?: Set<string>): KnownFailure[] {
  let doc: unknown;
  try {
    doc = parseYaml(text, { uniqueKeys: true });
  } catch (err) {
    throw new KnownFailuresError(`${source}: invalid YAML: ${(err as Error).message}`);
  }
  const list = (doc as { known_failures?: unknown } | null)?.known_failures;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || !Array.isArray(list)) {
    throw new KnownFailuresError(`${source}: expected a mapping with a "known_failures" list`);
  }
  const extra = Object.keys(doc).filter((k) => k !== 'known_failures');
  if (extra.length) throw new KnownFailuresError(`${source}: unknown field "${extra[0]}"`);
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const at = `${source}: known_failures[${i}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new KnownFailuresError(`${at}: expected a mapping with id and reason`);
    const e = raw as Record<string, unknown>;
    for (const k of Object.keys(e)) if (!['id', 'reason', 'expires'].includes(k)) throw new KnownFailuresError(`${at}: unknown field "${k}"`);
    if (typeof e.id !== 'string' || e.id === '') throw new KnownFailuresError(`${at}: field "id" must be a non-empty string`);
    if (typeof e.reason !== 'string' || e.reason.trim() === '') throw new KnownFailuresError(`${at} (${e.id}): field "reason" must be a non-empty string`);
    if (e.expires !== undefined && (typeof e.expires !== 'string' || !isCalendarDate(e.expires))) {
      throw new KnownFailuresError(`${at} (${e.id}): field "expires" must be a date YYYY-MM-DD (quote it), got ${JSON.stringify(e.expires)}`);
    }
    if (seen.has(e.id)) throw new KnownFailuresError(`${at}: duplicate id "${e.id}"`);
    seen.add(e.id);
    if (knownIds && !knownIds.has(e.id)) throw new KnownFailuresError(`${at}: no case has id "${e.id}"`);
    return { id: e.id, reason: e.reason, ...(e.expires !== undefined ? { expires: e.expires as string } : {}) };
  });
}

export function readKnownFailures(file: string, knownIds?: Set<string>): KnownFailure[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new KnownFailuresError(`cannot read known-failures file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseKnownFailures(text, file, knownIds);
}

/** An entry is expired after its expiry day has ended (UTC). `today` is YYYY-MM-DD. */
export function isExpired(entry: KnownFailure, today: string): boolean {
  return entry.expires !== undefined && entry.expires < today;
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Marks results: failing listed cases become `known-failure`, passing listed cases become
 * `unexpected-pass`. Returns the expired entries (which fail the run).
 */
export function applyKnownFailures(results: CaseResult[], entries: KnownFailure[], today: string): KnownFailure[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const r of results) {
    const e = byId.get(r.id);
    if (!e) continue;
    if (r.outcome === 'fail') {
      r.outcome = 'known-failure';
      r.knownReason = e.reason;
    } else if (r.outcome === 'pass') {
      r.outcome = 'unexpected-pass';
      r.knownReason = e.reason;
    }
  }
  return entries.filter((e) => isExpired(e, today));
}

/** A known-failures file covering every currently failing case (reason: its first failure). */
export function formatKnownFailures(results: CaseResult[]): string {
  const failing = results.filter((r) => r.outcome === 'fail' || r.outcome === 'known-failure');
  const list = failing.map((r) => ({
    id: r.id,
    reason: r.knownReason ?? (r.verdict?.failures[0] ? `${r.verdict.failures[0].kind}: ${r.verdict.failures[0].message}` : 'failing'),
  }));
  return `# Known failures for coder-conformance (--expect-failures FILE).\n# Add "expires: YYYY-MM-DD" to make an entry fail the run after that day.\n${stringify({ known_failures: list }, { lineWidth: 0 })}`;
}
