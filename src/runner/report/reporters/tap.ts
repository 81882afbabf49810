// TAP version 14 report: one test point per selected case, YAML diagnostics for failures,
// known failures as `# TODO`, and the summary as trailing comments.
import { stringify } from 'yaml';
import type { RunReport } from '../summary.ts';
import { FAILURE_LABELS } from '../../types.ts';
import { suiteLine, countsLine, coverageLines, normalisationLines, resultLine, taxonomyLine } from './common.ts';

/** TAP descriptions may not contain an unescaped `#` (it starts a directive) or a newline. */
function description(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/#/g, '\\#')
    .replace(/[\r\n]+/g, ' ');
}

function diagnostics(obj: unknown): string[] {
  const body = stringify(obj, { lineWidth: 0 })
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`);
  return ['  ---', ...body, '  ...'];
}

export function tapReport(r: RunReport): string {
  const lines = ['TAP version 14', `1..${r.results.length}`, `# ${suiteLine(r)}`];
  r.results.forEach((c, i) => {
    const n = i + 1;
    const desc = description(`${c.id}: ${c.title}`);
    switch (c.outcome) {
      case 'pass':
        lines.push(`ok ${n} - ${desc}`);
        break;
      case 'known-failure':
        lines.push(`not ok ${n} - ${desc} # TODO known failure: ${description(c.knownReason ?? '')}`);
        break;
      case 'unexpected-pass':
        lines.push(
          `not ok ${n} - ${desc}`,
          ...diagnostics({ message: 'listed as a known failure but passes; remove it from the known-failures file', reason: c.knownReason }),
        );
        break;
      case 'not-run':
        lines.push(`not ok ${n} - ${desc}`, ...diagnostics({ message: `did not run: ${c.notRunReason}` }));
        break;
      case 'fail':
        lines.push(
          `not ok ${n} - ${desc}`,
          ...diagnostics({
            argv: c.argv,
            failures: (c.verdict?.failures ?? []).map((f) => ({ kind: FAILURE_LABELS[f.kind], message: f.message, ...(f.detail ? { detail: f.detail } : {}) })),
          }),
        );
        break;
    }
  });
  lines.push(`# ${countsLine(r)}`, `# failures by kind: ${taxonomyLine(r)}`);
  for (const e of r.expiredKnownFailures) lines.push(`# EXPIRED known-failure entry: ${e.id} (${e.expires})`);
  for (const l of [...normalisationLines(r), ...coverageLines(r)]) lines.push(`# ${l}`);
  lines.push(`# ${resultLine(r)}`);
  return `${lines.join('\n')}\n`;
}
