// Human-readable report: one line per case, failure details with visible-whitespace diffs,
// then the counts, failure taxonomy, normalisations, coverage and environment notes.
import type { RunReport } from '../summary.ts';
import { FAILURE_LABELS } from '../../types.ts';
import { suiteLine, countsLine, coverageLines, excludedLine, normalisationLines, outcomeLabel, resultLine, taxonomyLine } from './common.ts';

const MARK = { pass: '✓', fail: '✗', 'known-failure': '~', 'unexpected-pass': '!', 'not-run': '-' } as const;

const indent = (text: string, pad: string) => text.split('\n').map((l) => pad + l).join('\n');

export function prettyReport(r: RunReport): string {
  const out: string[] = [];
  out.push(`coder-conformance: ${r.embeddedReference ? 'embedded reference CLI' : r.binary}, profile ${r.profile}, level ${r.level}${r.shard ? `, shard ${r.shard}` : ''}${r.filters.length ? `, filter ${r.filters.join(' ')}` : ''}`);
  out.push(suiteLine(r));
  out.push('');
  for (const c of r.results) {
    out.push(`${MARK[c.outcome]} ${c.id} — ${c.title}${c.outcome === 'pass' ? '' : ` [${outcomeLabel(c)}]`}`);
    if (c.outcome === 'known-failure' || c.outcome === 'unexpected-pass') out.push(`    known failure reason: ${c.knownReason}`);
    if (c.outcome === 'unexpected-pass') out.push('    this case now passes: remove it from the known-failures file');
    if (c.outcome === 'not-run') out.push(`    did not run: ${c.notRunReason}`);
    if (c.outcome === 'fail' || c.outcome === 'known-failure') {
      out.push(`    $ coder ${c.argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ')}`);
      for (const f of c.verdict?.failures ?? []) {
        out.push(`    [${FAILURE_LABELS[f.kind]}] ${f.message}`);
        if (f.detail) out.push(indent(f.detail, '      '));
      }
    }
  }
  out.push('');
  out.push(countsLine(r));
  out.push(`failures by kind: ${taxonomyLine(r)}`);
  out.push(excludedLine(r));
  for (const e of r.expiredKnownFailures) out.push(`EXPIRED known-failure entry: ${e.id} (expired ${e.expires}): ${e.reason}`);
  out.push(...normalisationLines(r));
  out.push(...coverageLines(r));
  out.push(`environment: ${r.environment.join('; ')}`);
  out.push(`${resultLine(r)} in ${(r.durationMs / 1000).toFixed(1)}s`);
  return `${out.join('\n')}\n`;
}
