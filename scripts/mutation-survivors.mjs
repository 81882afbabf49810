// `npm run mutation:survivors`: the survivors of the last `npm run mutation` (reports/mutation/mutation.json)
// against the reasons written down for them in mutation/survivors.yaml. Prints, per file, the score and
// every survivor (survived or without coverage) that no entry explains, then the entries that explain
// nothing any more (stale: the code changed or a case now kills the mutant). `--check` exits 1 when a
// survivor is unexplained, an entry is stale, or a file's results are of older code than the working tree.
// More reports after the first (e.g. a targeted `npx stryker run --mutate FILE:LINES` saved aside)
// overlay it (overlayReport): a mutant they ran on the same source takes their result, a file they ran on
// its current source replaces the older one, `+REPORT` (a run with only some cases, MUTATION_CASES)
// adds only its kills, and `~REPORT` (a run of only the lines changed since the older run, on the current
// source) keeps the older results of the lines that did not change, as Stryker's incremental mode does. This corrects an incremental run, which reuses a module-level ("static") mutant's
// old result even when new cases would now kill it, and puts together runs over parts of the code.
//
// An entry explains the survivors of one source line:
//   - file: src/cli/run.ts
//     line: "width: () => (typeof io.termWidth"    # a part of the line the mutant starts on (no line:
//                                                 # every line of the file, for a module as a whole)
//     mutators: [ConditionalExpression]           # optional: only these mutators
//     kind: equivalent | unkillable                # no observable difference | the case format cannot observe it
//     reason: "..."
import { readFileSync } from 'node:fs';
import { diffLines } from 'diff';
import { parse } from 'yaml';

const KINDS = new Set(['equivalent', 'unkillable']);

function fail(message) {
  console.error(`mutation-survivors: ${message}`);
  process.exit(2);
}

/** The entries of mutation/survivors.yaml; throws (naming the entry) on a malformed one. */
export function loadEntries(text, where) {
  const fail = (message) => {
    throw new Error(message);
  };
  const doc = parse(text);
  if (!Array.isArray(doc?.survivors)) fail(`${where}: expected a top-level \`survivors:\` list`);
  return doc.survivors.map((e, i) => {
    const at = `${where}: survivors[${i}]`;
    if (typeof e?.file !== 'string') fail(`${at}: \`file\` is required`);
    if (e.line !== undefined && (typeof e.line !== 'string' || e.line === '')) fail(`${at}: \`line\`, when given, must be a non-empty text`);
    if (!KINDS.has(e.kind)) fail(`${at}: \`kind\` must be equivalent or unkillable, not ${JSON.stringify(e.kind)}`);
    if (typeof e.reason !== 'string' || e.reason.trim() === '') fail(`${at}: a \`reason\` is required`);
    if (e.mutators !== undefined && !(Array.isArray(e.mutators) && e.mutators.every((m) => typeof m === 'string')))
      fail(`${at}: \`mutators\` must be a list of names`);
    return { ...e, index: i, used: 0 };
  });
}

/** Every survivor of the report with the entry that explains it (or undefined). */
export function matchSurvivors(report, entries) {
  const out = [];
  for (const [file, fr] of Object.entries(report.files)) {
    const lines = fr.source.split('\n');
    for (const m of fr.mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      const text = lines[m.location.start.line - 1] ?? '';
      const entry = entries.find(
        (e) => e.file === file && (e.line === undefined || text.includes(e.line)) && (!e.mutators || e.mutators.includes(m.mutatorName)),
      );
      if (entry) entry.used++;
      out.push({ file, line: m.location.start.line, text: text.trim(), mutant: m, entry });
    }
  }
  return out;
}

const sameMutant = (a, b) =>
  a.mutatorName === b.mutatorName &&
  a.replacement === b.replacement &&
  a.location.start.line === b.location.start.line &&
  a.location.start.column === b.location.start.column &&
  a.location.end?.line === b.location.end?.line &&
  a.location.end?.column === b.location.end?.column;

const DETECTED = new Set(['Killed', 'Timeout']);

/**
 * The report with the results of `overlay` (a later run over some of the same code) put in; returns how
 * many mutant results were taken.
 * - A file whose source is the same in both: each mutant the overlay ran takes its status.
 * - A file the report lacks: the overlay's is taken (if its code has changed since, staleFiles says so).
 * - A file the overlay ran on another source (the code changed between the runs): the overlay's whole file
 *   replaces it when `current(file)` (the file as it is now) is the overlay's source; an overlay of older
 *   code is ignored. With `changedLines` (a run of only the lines changed since the report's run, of this
 *   or of an intermediate version) the report's results of the unchanged lines are kept (carriedOver).
 * - `killsOnly` (a run with only some cases, MUTATION_CASES): only its killed and timed-out mutants are
 *   taken, on the same source; a mutant it left alive may die by a case it did not run.
 */
export function overlayReport(report, overlay, { killsOnly = false, changedLines = false, current } = {}) {
  let taken = 0;
  for (const [file, fr] of Object.entries(overlay.files)) {
    const base = report.files[file];
    if (!base || base.source !== fr.source) {
      if (killsOnly) continue;
      if (base && changedLines) report.files[file] = { ...fr, mutants: [...carriedOver(base, fr), ...fr.mutants] };
      else if (!base || current?.(file) === fr.source) report.files[file] = fr;
      else continue;
      taken += fr.mutants.length;
      continue;
    }
    for (const m of fr.mutants) {
      if (killsOnly && !DETECTED.has(m.status)) continue;
      const i = base.mutants.findIndex((b) => sameMutant(b, m));
      if (i >= 0) {
        base.mutants[i] = { ...base.mutants[i], status: m.status, killedBy: m.killedBy, coveredBy: m.coveredBy };
        taken++;
      }
    }
  }
  return taken;
}

/** Old line number → new line number for each line of `from` that `to` keeps as it is (a line diff). */
export function lineMap(from, to) {
  const map = new Map();
  let a = 1;
  let b = 1;
  for (const part of diffLines(from, to)) {
    const n = part.count;
    if (part.added) b += n;
    else if (part.removed) a += n;
    else {
      for (let i = 0; i < n; i++) map.set(a + i, b + i);
      a += n;
      b += n;
    }
  }
  return map;
}

/**
 * The mutants of `base` (an older run of a file) that a run of only its changed lines (`rerun`, on the
 * current source) leaves as they were: those whose every line is unchanged, moved to their lines in the
 * current source, except on lines the rerun ran itself. Like Stryker's incremental mode, this assumes a
 * mutant of an unchanged line fares as before.
 */
function carriedOver(base, rerun) {
  const map = lineMap(base.source, rerun.source);
  const ran = new Set(rerun.mutants.map((m) => m.location.start.line));
  const out = [];
  for (const m of base.mutants) {
    const start = map.get(m.location.start.line);
    const endLine = m.location.end?.line ?? m.location.start.line;
    let whole = start !== undefined && !ran.has(start);
    for (let l = m.location.start.line; whole && l <= endLine; l++) whole = map.get(l) === start + (l - m.location.start.line);
    if (!whole) continue;
    const moved = { ...m, location: { ...m.location, start: { ...m.location.start, line: start } } };
    if (m.location.end) moved.location.end = { ...m.location.end, line: start + (endLine - m.location.start.line) };
    out.push(moved);
  }
  return out;
}

/** The files of the report whose source is not the file as it is now (`current`): their results are old. */
export function staleFiles(report, current) {
  return Object.entries(report.files)
    .filter(([file, fr]) => current(file) !== fr.source)
    .map(([file]) => file)
    .sort();
}

/** Per file: mutants, detected (killed + timeout), survived, no coverage, ignored, score. */
export function scores(report) {
  const rows = [];
  for (const [file, fr] of Object.entries(report.files)) {
    const n = (s) => fr.mutants.filter((m) => m.status === s).length;
    const detected = n('Killed') + n('Timeout');
    const undetected = n('Survived') + n('NoCoverage');
    const valid = detected + undetected;
    rows.push({
      file,
      mutants: fr.mutants.length,
      detected,
      survived: n('Survived'),
      noCoverage: n('NoCoverage'),
      ignored: n('Ignored'),
      score: valid ? (100 * detected) / valid : 100,
    });
  }
  return rows.sort((a, b) => a.file.localeCompare(b.file));
}

function main(argv) {
  const check = argv.includes('--check');
  const [reportPath = 'reports/mutation/mutation.json', ...overlays] = argv.filter((a) => a.endsWith('.json'));
  const current = (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const entriesPath = argv.find((a) => a.endsWith('.yaml')) ?? 'mutation/survivors.yaml';
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch (e) {
    fail(`cannot read ${reportPath} (${e.code ?? e.message}): run \`npm run mutation\` first`);
  }
  for (const arg of overlays) {
    const killsOnly = arg.startsWith('+');
    const changedLines = arg.startsWith('~');
    const o = killsOnly || changedLines ? arg.slice(1) : arg;
    let overlay;
    try {
      overlay = JSON.parse(readFileSync(o, 'utf8'));
    } catch (e) {
      fail(`cannot read ${o} (${e.code ?? e.message})`);
    }
    const how = killsOnly ? ' (kills only)' : changedLines ? ' (changed lines; the other lines keep their older results)' : '';
    console.log(`${o}: ${overlayReport(report, overlay, { killsOnly, changedLines, current })} mutant results taken${how}`);
  }
  const old = staleFiles(report, current);
  let entries;
  try {
    entries = loadEntries(readFileSync(entriesPath, 'utf8'), entriesPath);
  } catch (e) {
    fail(e.message);
  }
  const survivors = matchSurvivors(report, entries);
  const rows = scores(report);
  const total = rows.reduce((a, r) => ({ detected: a.detected + r.detected, valid: a.valid + r.detected + r.survived + r.noCoverage }), {
    detected: 0,
    valid: 0,
  });
  const explained = survivors.filter((s) => s.entry);
  const byKind = (k) => explained.filter((s) => s.entry.kind === k).length;
  console.log('file | mutants | detected | survived | no coverage | score');
  for (const r of rows) console.log(`${r.file} | ${r.mutants} | ${r.detected} | ${r.survived} | ${r.noCoverage} | ${r.score.toFixed(2)}%`);
  console.log(`\nscore ${((100 * total.detected) / total.valid).toFixed(2)}% (${total.detected} of ${total.valid} detected)`);
  const adjusted = total.valid - byKind('equivalent');
  console.log(`without the ${byKind('equivalent')} documented equivalent mutants: ${((100 * total.detected) / adjusted).toFixed(2)}%`);
  // What the cases achieve within the case format's reach: the documented unkillable mutants are real
  // differences the format cannot observe (a terminal, TLS, time, traffic off this machine), not passes.
  const reachable = adjusted - byKind('unkillable');
  console.log(
    `of the mutants a case can observe (also without the ${byKind('unkillable')} documented unkillable ones): ${((100 * total.detected) / reachable).toFixed(2)}%`,
  );
  console.log(
    `survivors: ${survivors.length}; explained in ${entriesPath}: ${byKind('equivalent')} equivalent, ${byKind('unkillable')} unkillable by a case; not yet explained: ${survivors.length - explained.length}`,
  );
  const open = survivors.filter((s) => !s.entry);
  for (const s of open)
    console.log(
      `  ${s.file}:${s.line} ${s.mutant.status === 'NoCoverage' ? '(no coverage) ' : ''}${s.mutant.mutatorName} -> ${JSON.stringify(String(s.mutant.replacement ?? '').slice(0, 60))}\n      ${s.text.slice(0, 120)}`,
    );
  const mutatedFiles = new Set(Object.keys(report.files));
  const stale = entries.filter((e) => e.used === 0 && mutatedFiles.has(e.file));
  for (const e of stale)
    console.log(`stale entry ${entriesPath} survivors[${e.index}] (${e.file}: ${JSON.stringify(e.line)}): explains no survivor of this report`);
  for (const f of old) console.log(`old results: ${f} changed since its run (mutate it again, or give a later report)`);
  if (check && (open.length > 0 || stale.length > 0 || old.length > 0)) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
