// `coder-conformance compare REPORT.json...`: JSON reports of several runs (implementations, upstream
// builds, profiles) side by side as a matrix of cases x runs, in the spirit of bowtie's reports: rows
// where the runs disagree are marked, and a run judged by another case set (suite version or case-set
// hash) is pointed out, since its outcomes are not comparable case by case. Text on stdout, or one
// self-contained HTML page.
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { esc, filterScript, page } from './reporters/html-page.ts';
import { groupOf } from './reporters/html.ts';
import type { RunReport } from './summary.ts';
import type { CaseResult, Outcome } from '../types.ts';

export class CompareError extends Error {}

export interface Column {
  label: string;
  file: string;
  report: RunReport;
}

export interface MatrixRow {
  id: string;
  title: string;
  /** Outcome per column; undefined = the case was not selected in that run. */
  cells: (CaseResult | undefined)[];
  differs: boolean;
}

export const COMPARE_USAGE = `Usage: coder-conformance compare [options] REPORT.json...

Puts JSON reports (coder-conformance run --reporter json --out FILE) side by side: one row per case,
one column per report, rows where the outcomes differ marked.

Options:
  --label NAME        column name for the next report (repeatable, in order; default: the binary's
                      last two path parts, or "reference", plus profile and level)
  --reporter NAME     text (default) | html (one self-contained page)
  --out FILE          write the matrix to FILE instead of stdout
  --only-differences  list only the cases whose outcomes differ
  -h, --help          this help
`;

/** Reads a JSON report written by `run --reporter json`, or says clearly why it is not one. */
export function readReport(file: string): RunReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CompareError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new CompareError(`${file} is not JSON: write reports with "coder-conformance run --reporter json --out ${file}"`);
  }
  const d = doc as Partial<RunReport> & { format?: string };
  if (d.format !== 'coder-conformance-report' || !Array.isArray(d.results)) {
    throw new CompareError(
      `${file} is not a coder-conformance JSON report (format "coder-conformance-report"): write it with "coder-conformance run --reporter json --out ${file}"`,
    );
  }
  return d as RunReport;
}

export function defaultLabel(r: RunReport): string {
  const who = r.embeddedReference ? 'reference' : `${basename(dirname(r.binary))}/${basename(r.binary)}`;
  return `${who} ${r.profile}/${r.level}`;
}

export function buildMatrix(columns: Column[]): MatrixRow[] {
  const titles = new Map<string, string>();
  for (const c of columns) for (const r of c.report.results) if (!titles.has(r.id)) titles.set(r.id, r.title);
  const ids = [...titles.keys()].sort();
  const index = columns.map((c) => new Map(c.report.results.map((r) => [r.id, r])));
  return ids.map((id) => {
    const cells = index.map((m) => m.get(id));
    const outcomes = new Set(cells.map((c) => c?.outcome ?? 'absent'));
    return { id, title: titles.get(id)!, cells, differs: outcomes.size > 1 };
  });
}

/** Reports judged by another suite version or case set than the first one. */
export function caseSetWarnings(columns: Column[]): string[] {
  const first = columns[0];
  const out: string[] = [];
  for (const c of columns.slice(1)) {
    const a = first.report.suite;
    const b = c.report.suite;
    if (!a || !b) out.push(`${c.label}: a report without suite information (written before suite versions were recorded)`);
    else if (a.casesHash !== b.casesHash || a.version !== b.version) {
      out.push(
        `${c.label} was judged by ${b.name} ${b.version} with case set ${b.casesHash.slice(0, 19)}…, ${first.label} by ${a.version} with ${a.casesHash.slice(0, 19)}…: outcomes of a case may mean different things`,
      );
    }
  }
  return out;
}

const CELL: Record<Outcome | 'absent', string> = {
  pass: 'pass',
  fail: 'FAIL',
  'known-failure': 'known',
  'unexpected-pass': 'UNEXP-PASS',
  'not-run': 'not run',
  absent: '—',
};

export function compareText(columns: Column[], rows: MatrixRow[], onlyDifferences: boolean): string {
  const shown = onlyDifferences ? rows.filter((r) => r.differs) : rows;
  const idWidth = Math.max(4, ...shown.map((r) => r.id.length)) + 2;
  const widths = columns.map((c) => Math.max(c.label.length, 10) + 2);
  const lines: string[] = [];
  columns.forEach((c, i) => lines.push(`[${i + 1}] ${c.label}: ${c.file} (${c.report.counts.passed}/${c.report.counts.selected} passed)`));
  for (const w of caseSetWarnings(columns)) lines.push(`warning: ${w}`);
  lines.push('');
  lines.push(`  ${'case'.padEnd(idWidth)}${columns.map((_c, i) => `[${i + 1}]`.padEnd(widths[i])).join('')}`.trimEnd());
  for (const r of shown) {
    lines.push(`${r.differs ? '≠ ' : '  '}${r.id.padEnd(idWidth)}${r.cells.map((c, i) => CELL[c?.outcome ?? 'absent'].padEnd(widths[i])).join('')}`.trimEnd());
  }
  lines.push('');
  const differ = rows.filter((r) => r.differs).length;
  lines.push(`${rows.length} cases, ${differ} with differing outcomes (marked ≠; — = not selected in that run)`);
  return `${lines.join('\n')}\n`;
}

const COMPARE_SCRIPT = filterScript(
  'tr.row',
  `return { only: document.getElementById('only-diff').checked, group: document.getElementById('group').value, text: document.getElementById('text').value.toLowerCase() };`,
  `(!v.only || el.classList.contains('differs')) && (v.group === '' || el.dataset.group === v.group) && (v.text === '' || el.textContent.toLowerCase().indexOf(v.text) >= 0)`,
);

export function compareHtml(columns: Column[], rows: MatrixRow[], onlyDifferences: boolean): string {
  const differ = rows.filter((r) => r.differs).length;
  const head = columns
    .map((c) => `<th>${esc(c.label)}<br><span class="explain">${c.report.counts.passed}/${c.report.counts.selected} passed</span></th>`)
    .join('');
  const body = rows
    .map((r) => {
      const cells = r.cells
        .map((c) => {
          const o = c?.outcome ?? 'absent';
          const why = c?.verdict?.failures.map((f) => f.message).join('\n') ?? c?.notRunReason ?? c?.knownReason ?? '';
          return `<td class="cell"><span class="badge s-${o}" title="${esc(why)}">${esc(CELL[o])}</span></td>`;
        })
        .join('');
      return `<tr class="row${r.differs ? ' differs' : ''}" data-group="${esc(groupOf(r.id))}"><td><span class="mono">${esc(r.id)}</span><br><span class="title">${esc(r.title)}</span></td>${cells}</tr>`;
    })
    .join('\n');
  const groups = [...new Set(rows.map((r) => groupOf(r.id)))].sort();
  const warnings = caseSetWarnings(columns);
  const html = `<h1>coder-conformance: ${columns.length} runs compared</h1>
${columns.map((c) => `<p class="meta"><b>${esc(c.label)}</b>: binary <code>${esc(c.report.binary)}</code>, profile ${esc(c.report.profile)}, level ${esc(c.report.level)}, suite ${esc(c.report.suite?.version ?? '?')}, case set <code>${esc(c.report.suite?.casesHash ?? '?')}</code> — ${esc(c.file)}</p>`).join('\n')}
${warnings.map((w) => `<p><b>warning</b>: ${esc(w)}</p>`).join('\n')}
<p>${rows.length} cases, <b>${differ}</b> with differing outcomes (highlighted; — = not selected in that run).</p>
<div class="filters">
<label><input type="checkbox" id="only-diff"${onlyDifferences ? ' checked' : ''}> only cases whose outcomes differ</label>
<label>group <select id="group"><option value="">all</option>${groups.map((g) => `<option value="${esc(g)}">${esc(g)}</option>`).join('')}</select></label>
<label>text <input id="text" type="search" placeholder="case id or title"></label>
<span id="shown" class="meta"></span>
</div>
<table class="matrix"><tr><th>case</th>${head}</tr>
${body}
</table>`;
  return page(`coder-conformance compare: ${columns.map((c) => c.label).join(' vs ')}`, html, COMPARE_SCRIPT);
}
