// `--reporter html`: the whole run as one self-contained page (no network, no external assets):
// counts, failure taxonomy, filters by status / failure kind / group, and per case its file, command
// line, environment (what the case sets and removes), failures with visible-whitespace diffs, the
// binary's output, and the wire journal; then coverage (each line explained), normalisations and the
// environment rules. Filtering is a few lines of inline script over data-* attributes.
import type { RunReport } from '../summary.ts';
import type { CaseResult, Outcome, WireEntry } from '../../types.ts';
import { FAILURE_KINDS, FAILURE_LABELS } from '../../types.ts';
import { visible } from '../../judge/visible.ts';
import { commandLine, COVERAGE_EXPLAINED, excludedLine, normalisationLines, outcomeLabel, resultLine, suiteLine } from './common.ts';
import { esc, filterScript, page } from './html-page.ts';

export const OUTCOMES: Outcome[] = ['pass', 'fail', 'known-failure', 'unexpected-pass', 'not-run'];
const OUTCOME_NAMES: Record<Outcome, string> = {
  pass: 'passed',
  fail: 'failed',
  'known-failure': 'known failure',
  'unexpected-pass': 'unexpectedly passing',
  'not-run': 'did not run',
};

/** The first segment of a case id (`aws/name/flag` → `aws`). */
export function groupOf(id: string): string {
  return id.includes('/') ? id.slice(0, id.indexOf('/')) : id;
}

function kindsOf(c: CaseResult): string[] {
  return [...new Set((c.verdict?.failures ?? []).map((f) => f.kind))];
}

function journalTable(journal: WireEntry[]): string {
  if (journal.length === 0) return '<p class="explain">No request reached the simulator.</p>';
  const rows = journal.map((e) => {
    const headers = e.headers.map(([k, v]) => `${k}: ${v}`).join('\n');
    const resHeaders = (e.response.headers ?? []).map(([k, v]) => `${k}: ${v}`).join('\n');
    return `<tr><td>${e.seq}</td><td>${esc(e.service)}</td><td class="mono">${esc(e.operationId ?? '—')}</td><td class="mono">${esc(e.method)} ${esc(e.url)}</td><td>${e.response.status || 'no response'}</td><td>${e.proxied ? 'yes' : 'no'}</td><td>${
      e.violations.length ? esc(e.violations.join('; ')) : ''
    }</td></tr>
<tr><td></td><td colspan="6"><details><summary>request and response</summary><pre>${esc(visible(headers))}</pre><pre>${esc(visible(e.body))}</pre><pre>${esc(visible(resHeaders))}</pre><pre>${esc(visible(e.response.body ?? ''))}</pre></details></td></tr>`;
  });
  return `<table><tr><th>#</th><th>service</th><th>operation</th><th>request</th><th>status</th><th>via proxy</th><th>contract violations</th></tr>${rows.join('\n')}</table>`;
}

function caseBlock(c: CaseResult): string {
  const kinds = kindsOf(c);
  const parts: string[] = [];
  parts.push(
    `<p class="meta">case file <code>${esc(c.file)}</code> · level ${esc(c.level)}${c.knownReason ? ` · known failure: ${esc(c.knownReason)}` : ''}${c.notRunReason ? ` · did not run: ${esc(c.notRunReason)}` : ''}</p>`,
  );
  if (c.outcome === 'unexpected-pass') parts.push('<p>This case now passes: remove it from the known-failures file.</p>');
  const inv = c.invocation;
  if (inv) {
    parts.push(`<p class="meta">command line (run in a fresh temp dir as HOME; the rest of the environment below):</p><pre>${esc(commandLine(inv))}</pre>`);
    const envRows = Object.entries(inv.env)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(
        ([k, v]) =>
          `<tr class="${Object.hasOwn(inv.caseSet, k) ? 'env-case' : ''}"><td class="mono">${esc(k)}</td><td class="mono">${esc(
            visible(v)
              .replace(/⏎\n?$/, '')
              .replace(/ \[no final newline\]$/, ''),
          )}</td></tr>`,
      );
    for (const k of inv.caseRemoved) envRows.push(`<tr class="env-removed"><td class="mono">${esc(k)}</td><td>removed by the case</td></tr>`);
    parts.push(
      `<details><summary>environment (${Object.keys(inv.env).length} variables; highlighted: set by the case)</summary><table>${envRows.join('')}</table></details>`,
    );
  }
  for (const f of c.verdict?.failures ?? []) {
    parts.push(
      `<div class="failure"><span class="kind">${esc(FAILURE_LABELS[f.kind])}</span>: ${esc(f.message)}${f.detail ? `<pre>${esc(f.detail)}</pre>` : ''}</div>`,
    );
  }
  if (c.process && c.outcome !== 'pass') {
    const p = c.process;
    parts.push(
      `<details><summary>output (exit ${p.exitCode ?? `none, signal ${p.signal ?? '-'}`}${p.timedOut ? ', timed out' : ''})</summary><p class="meta">stdout</p><pre>${esc(visible(p.stdout))}</pre><p class="meta">stderr</p><pre>${esc(visible(p.stderr))}</pre></details>`,
    );
  }
  parts.push(
    `<details${c.outcome === 'fail' && kinds.some((k) => k === 'wire' || k === 'openapi') ? ' open' : ''}><summary>wire journal (${c.journal.length} request(s))</summary>${journalTable(c.journal)}</details>`,
  );
  return `<details class="case" data-status="${c.outcome}" data-kinds="${kinds.join(' ')}" data-group="${esc(groupOf(c.id))}" data-id="${esc(c.id)}">
<summary><span class="mono">${esc(c.id)}</span> <span class="title">— ${esc(c.title)}</span><span class="badge s-${c.outcome}">${esc(outcomeLabel(c))}</span><span class="dur">${Math.round(c.durationMs)} ms</span></summary>
<div class="body">${parts.join('\n')}</div>
</details>`;
}

function coverageSection(r: RunReport): string {
  const cov = r.coverage;
  const rows = cov.operations.map(
    (o) =>
      `<tr><td class="mono">${esc(o.operationId)}</td><td>${o.requests}</td><td>${esc(o.exercised.join(', '))}</td><td>${esc(o.missing.join(', '))}</td><td>${esc(o.undeclared.join(', '))}</td></tr>`,
  );
  return `<h2 id="coverage">Coverage of openapi.yaml</h2>
<p>operations reached: <b>${cov.operations.length - cov.unreached.length}/${cov.operations.length}</b> <span class="explain">— ${esc(COVERAGE_EXPLAINED.reached)}</span><br>
declared statuses exercised: <b>${cov.statusesExercised}/${cov.statusesDeclared}</b> <span class="explain">— ${esc(COVERAGE_EXPLAINED.exercised)}</span></p>
<table><tr><th>operation</th><th>requests</th><th>exercised</th><th>never reached</th><th>undeclared statuses seen</th></tr>${rows.join('')}</table>
<p class="explain">never reached: ${esc(COVERAGE_EXPLAINED.neverReached)}.<br>undeclared statuses seen: ${esc(COVERAGE_EXPLAINED.undeclared)}.</p>
${cov.unknownOperations.length ? `<p>operations not in the contract: ${esc(cov.unknownOperations.join(', '))} <span class="explain">— ${esc(COVERAGE_EXPLAINED.unknown)}</span></p>` : ''}
<p>cases per level: ${esc(
    Object.entries(cov.casesPerLevel)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  )} <span class="explain">— ${esc(COVERAGE_EXPLAINED.perLevel)}</span><br>
cases per revision: ${esc(
    Object.entries(cov.casesPerRevision)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  )} <span class="explain">— ${esc(COVERAGE_EXPLAINED.perRevision)}</span></p>`;
}

/** Shows a case when its status is ticked and it matches the chosen kind, group and text. */
export const FILTER_SCRIPT = filterScript(
  'details.case',
  `var statuses = {};
    document.querySelectorAll('input[name=status]').forEach(function (b) { statuses[b.value] = b.checked; });
    return { statuses: statuses, kind: document.getElementById('kind').value, group: document.getElementById('group').value, text: document.getElementById('text').value.toLowerCase() };`,
  `v.statuses[el.dataset.status] && (v.kind === '' || el.dataset.kinds.split(' ').indexOf(v.kind) >= 0) &&
        (v.group === '' || el.dataset.group === v.group) && (v.text === '' || el.textContent.toLowerCase().indexOf(v.text) >= 0)`,
);

export function htmlReport(r: RunReport): string {
  const verdict = r.exitCode === 0 ? 'PASS' : r.exitCode === 1 ? 'FAIL' : 'INCOMPLETE';
  const counts = r.counts;
  const countBoxes = (
    [
      ['selected', counts.selected],
      ['run', counts.run],
      ['passed', counts.passed],
      ['failed', counts.failed],
      ['known-failing', counts.knownFailing],
      ['unexpectedly passing', counts.unexpectedlyPassing],
      ['skipped (did not run)', counts.skipped],
    ] as [string, number][]
  )
    .map(([k, v]) => `<div class="count"><b>${v}</b><span>${esc(k)}</span></div>`)
    .join('');
  const taxonomy = FAILURE_KINDS.map((k) => `<tr><td>${esc(FAILURE_LABELS[k])}</td><td>${r.failureKinds[k]}</td></tr>`).join('');
  const byOutcome = (o: Outcome) => r.results.filter((c) => c.outcome === o).length;
  const statusBoxes = OUTCOMES.map(
    (o) =>
      `<label><input type="checkbox" name="status" value="${o}" ${o === 'pass' && r.results.some((c) => c.outcome !== 'pass') ? '' : 'checked'}> ${esc(OUTCOME_NAMES[o])} (${byOutcome(o)})</label>`,
  ).join('');
  const kindOptions = FAILURE_KINDS.filter((k) => r.failureKinds[k] > 0)
    .map((k) => `<option value="${k}">${esc(FAILURE_LABELS[k])} (${r.failureKinds[k]})</option>`)
    .join('');
  const groups = [...new Set(r.results.map((c) => groupOf(c.id)))].sort();
  const groupOptions = groups.map((g) => `<option value="${esc(g)}">${esc(g)} (${r.results.filter((c) => groupOf(c.id) === g).length})</option>`).join('');
  const binary = r.embeddedReference ? 'embedded reference CLI' : r.binary;
  const body = `<h1>coder-conformance: ${esc(binary)}</h1>
<p class="meta">${esc(suiteLine(r))}</p>
<p class="meta">binary <code>${esc(r.binary)}</code> · profile <b>${esc(r.profile)}</b> · level <b>${esc(r.level)}</b>${r.shard ? ` · shard ${esc(r.shard)}` : ''}${r.filters.length ? ` · filter ${esc(r.filters.join(' '))}` : ''} · started ${esc(r.startedAt)} · ${(r.durationMs / 1000).toFixed(1)} s</p>
<p><span class="result ${verdict}">${esc(resultLine(r))}</span></p>
<div class="counts">${countBoxes}</div>
${r.expiredKnownFailures.map((e) => `<p><b>EXPIRED known-failure entry</b> ${esc(e.id)} (expired ${esc(e.expires ?? '')}): ${esc(e.reason)}</p>`).join('')}
<h2>Failures by kind</h2>
<table><tr><th>kind</th><th>cases</th></tr>${taxonomy}</table>
<h2>Cases</h2>
<div class="filters">
<fieldset><legend>status</legend>${statusBoxes}</fieldset>
<label>failure kind <select id="kind"><option value="">any</option>${kindOptions}</select></label>
<label>group <select id="group"><option value="">all</option>${groupOptions}</select></label>
<label>text <input id="text" type="search" placeholder="id, title, output…"></label>
<span id="shown" class="meta"></span>
</div>
${r.results.map((c) => caseBlock(c)).join('\n')}
${coverageSection(r)}
<h2>Selection, normalisations, environment</h2>
<p>${esc(excludedLine(r))}</p>
<ul>${normalisationLines(r)
    .map((l) => `<li>${esc(l)}</li>`)
    .join('')}</ul>
<p>Each case's binary runs with:</p>
<ul>${r.environment.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`;
  return page(`coder-conformance ${verdict}: ${binary} (${r.profile}, ${r.level})`, body, FILTER_SCRIPT);
}
