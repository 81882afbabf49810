// Certification of real upstream builds: which (version, profile) pairs are run, where their
// reports and known failures live (conformance/upstream/), the fingerprint of the cases each report
// judged (to name stale reports), and the summary table conformance/README.md carries.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenPath } from '../cases/load-cases.ts';
import { packageRoot } from '../root.ts';
import type { Case } from '../types.ts';

export const certDir = () => join(packageRoot(), 'conformance', 'upstream');
export const INDEX_FILE = 'certifications.json';

export const reportName = (version: string, profile: string) => `${version}.${profile}.json`;
export const knownFailuresName = (version: string, profile: string) => `${version}.${profile}.known-failures.yaml`;

/** What one certification run recorded besides the runner's own JSON report. */
export interface Certification {
  version: string;
  profile: string;
  /** `own`: the profile the release implements; `cross`: a neighbouring profile, expected to fail at the boundary. */
  relation: 'own' | 'cross';
  level: 'strict';
  report: string;
  knownFailures: string | null;
  date: string;
  go: string;
  coderVersion: string;
  counts: { selected: number; passed: number; failed: number; knownFailing: number; unexpectedlyPassing: number; skipped: number };
  exitCode: number;
  /** case id -> fingerprint of the case as judged (its definition and golden). */
  cases: Record<string, string>;
}

export interface CertIndex {
  /** version -> its own profile, and the cross profiles run for the boundaries. */
  plan: { version: string; profile: string; cross: string[]; evidence: string }[];
  certifications: Certification[];
}

export function readIndex(dir = certDir()): CertIndex {
  const file = join(dir, INDEX_FILE);
  if (!existsSync(file)) return { plan: [], certifications: [] };
  return JSON.parse(readFileSync(file, 'utf8')) as CertIndex;
}

export function formatIndex(index: CertIndex): string {
  return `${JSON.stringify(index, null, 2)}\n`;
}

/**
 * A case's fingerprint: what decides its verdict, i.e. its definition without where the file lives and
 * (file, cases folder) and without its prose (title, strict_reason), plus its golden's bytes.
 */
export function caseFingerprint(kase: Case): string {
  // What a case checks, not where it lives or which profiles select it (selection changes show up as
  // added or removed ids): file, the cases folder (root), title, strict_reason and the since/until range stay out.
  const { file: _file, root: _root, title: _title, strict_reason: _reason, since: _since, until: _until, ...def } = kase;
  const h = createHash('sha256').update(JSON.stringify(def));
  if (kase.expect.stdout_golden) h.update('\0golden\0').update(readFileSync(goldenPath(kase)));
  return h.digest('hex').slice(0, 16);
}

/** Why a certification no longer describes the current cases, or [] when it still does. */
export function staleness(cert: Certification, selected: Case[]): string[] {
  const now = new Map(selected.map((c) => [c.id, caseFingerprint(c)]));
  const out: string[] = [];
  const added = [...now.keys()].filter((id) => !(id in cert.cases));
  const removed = Object.keys(cert.cases).filter((id) => !now.has(id));
  const changed = [...now.entries()].filter(([id, fp]) => id in cert.cases && cert.cases[id] !== fp).map(([id]) => id);
  if (added.length) out.push(`${added.length} case(s) not in the report: ${added.slice(0, 5).join(', ')}${added.length > 5 ? ', ...' : ''}`);
  if (removed.length) out.push(`${removed.length} case(s) no longer selected: ${removed.slice(0, 5).join(', ')}${removed.length > 5 ? ', ...' : ''}`);
  if (changed.length) out.push(`${changed.length} case(s) changed since: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', ...' : ''}`);
  return out;
}

/** The summary table of conformance/README.md, from the index. */
export function summaryTable(index: CertIndex): string {
  const rows = [
    '| version | profile | relation | selected | passed | failed | known failures | exit | date | Go |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const c of index.certifications) {
    const kf = c.knownFailures ? `[${c.counts.knownFailing}](upstream/${c.knownFailures})` : String(c.counts.knownFailing);
    rows.push(
      `| ${c.version} | ${c.profile} | ${c.relation} | ${c.counts.selected} | ${c.counts.passed} | ${c.counts.failed} | ${kf} | ${c.exitCode} | ${c.date.slice(0, 10)} | ${c.go} |`,
    );
  }
  return `${rows.join('\n')}\n`;
}

export function reportFiles(dir = certDir()): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json') && f !== INDEX_FILE)
        .sort()
    : [];
}

/**
 * The committed form of a certification report: the same verdicts, outputs and journals, with what
 * changes from one run or machine to the next replaced by the case language's placeholders, so that
 * renewing a certification only changes the lines whose behaviour changed. Per case: the temp HOME
 * becomes `{home}`, the simulator's `http://127.0.0.1:<port>` becomes `{origin}` (and a bare
 * `127.0.0.1:<port>`, as in GCE_METADATA_HOST, `{origin_host}`), its TLS port `{tls_port}` (in
 * `https://127.0.0.1:{tls_port}`, `0.0.0.0:…`, `localhost:…`; after an IPv6 literal `]:{port}`), the local port of a connection Go names in a
 * read error `{local_port}`; the runner's PATH becomes `{PATH}`;
 * the upstream cache folder becomes `{upstream_cache}`; case files are named relative to the suite;
 * every durationMs is 0.
 */
export function stableReport(report: Record<string, unknown>, cacheDir: string, suiteRoot = packageRoot()): Record<string, unknown> {
  const swap = (v: unknown, f: (s: string) => string): unknown => {
    if (typeof v === 'string') return f(v);
    if (Array.isArray(v)) return v.map((x) => swap(x, f));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'durationMs' ? 0 : swap(x, f)]));
    return v;
  };
  const common = (s: string) => s.split(cacheDir).join('{upstream_cache}').split(`${suiteRoot}/`).join('');
  const results = (report.results as Record<string, unknown>[]).map((r) => {
    const inv = r.invocation as { cwd?: string; env?: Record<string, string> } | undefined;
    const home = inv?.cwd;
    // The simulator's address: the loopback host:port most of the simulator's variables name (a case may
    // remove or override one of them).
    const hosts = ['CODER_AGENT_URL', 'HTTP_PROXY', 'http_proxy', 'GCE_METADATA_HOST']
      .map((k) => /^(?:http:\/\/)?(127\.0\.0\.1:\d+)/.exec(inv?.env?.[k] ?? '')?.[1])
      .filter((h): h is string => h !== undefined);
    const host = hosts.sort((a, b) => hosts.filter((h) => h === b).length - hosts.filter((h) => h === a).length)[0];
    // The simulator's TLS port: the one an https URL to this machine names anywhere in the result.
    const tlsPort = /https:\/\/(?:127\.0\.0\.1|0\.0\.0\.0|localhost):(\d+)/.exec(JSON.stringify(r))?.[1];
    const f = (s: string) => {
      let out = common(s);
      if (home) out = out.split(home).join('{home}');
      if (tlsPort) for (const h of ['127.0.0.1', '0.0.0.0', 'localhost']) out = out.split(`${h}:${tlsPort}`).join(`${h}:{tls_port}`);
      out = out.replace(/read tcp 127\.0\.0\.1:\d+->/g, 'read tcp 127.0.0.1:{local_port}->');
      if (host) {
        out = out.split(`http://${host}`).join('{origin}').split(host).join('{origin_host}');
        const port = host.split(':')[1];
        out = out.split(`0.0.0.0:${port}`).join('0.0.0.0:{port}').split(`localhost:${port}`).join('localhost:{port}');
        // After an IPv6 literal, as written in a URL or as Go names the address it dialled: `[::1]:…`, `[::1%lo]:…`.
        out = out.split(`]:${port}`).join(']:{port}');
      }
      return out;
    };
    const stable = swap(r, f) as Record<string, unknown>;
    const env = (stable.invocation as { env?: Record<string, string> } | undefined)?.env;
    if (env && 'PATH' in env) env.PATH = '{PATH}';
    return stable;
  });
  return { ...(swap(report, common) as Record<string, unknown>), results };
}
