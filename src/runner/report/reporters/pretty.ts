// Human-readable report: one line per case; for each failing case its case file, the binary, the
// environment the case sets and removes, the command line to re-run it by hand, and the failures with
// visible-whitespace diffs; then the counts, failure taxonomy, normalisations, coverage (with what each
// line means), the environment rules, and a closing hint with the next useful command.
// Colour only when asked (the caller decides: a terminal, NO_COLOR, FORCE_COLOR).
import { relative } from 'node:path';
import type { RunReport } from '../summary.ts';
import type { CaseResult } from '../../types.ts';
import { FAILURE_LABELS } from '../../types.ts';
import {
  commandLine,
  countsLine,
  coverageLines,
  COVERAGE_EXPLAINED,
  excludedLine,
  normalisationLines,
  outcomeLabel,
  resultLine,
  shellQuote,
  suiteLine,
  taxonomyLine,
} from './common.ts';

const MARK = { pass: '✓', fail: '✗', 'known-failure': '~', 'unexpected-pass': '!', 'not-run': '-' } as const;

export interface PrettyOptions {
  /** ANSI colours (green passes, red failures, yellow known failures, dim details). */
  color?: boolean;
  /** Folder to show paths relative to (default: the working directory). */
  cwd?: string;
}

type Paint = (code: string, s: string) => string;

const indent = (text: string, pad: string) =>
  text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');

function invocationLines(c: CaseResult, cwd: string, dim: (s: string) => string): string[] {
  const out = [`    case file: ${relative(cwd, c.file) || c.file}`];
  const inv = c.invocation;
  if (!inv) {
    out.push(`    $ coder ${c.argv.map(shellQuote).join(' ')}`);
    return out;
  }
  out.push(`    binary: ${inv.binary}`);
  const set = Object.entries(inv.caseSet);
  if (set.length) out.push(`    env set by the case: ${set.map(([k, v]) => `${k}=${shellQuote(v)}`).join(' ')}`);
  if (inv.caseRemoved.length) out.push(`    env removed by the case: ${inv.caseRemoved.join(' ')}`);
  out.push(`    $ ${commandLine(inv)}`);
  out.push(dim('      (on top of the runner environment below; run in a fresh temp dir as HOME)'));
  return out;
}

/** What to run next: narrower, or the next step once everything passes. */
export function closingHints(r: RunReport): string[] {
  const failing = r.results.filter((c) => c.outcome === 'fail' || c.outcome === 'unexpected-pass' || c.outcome === 'not-run');
  const bin = r.embeddedReference ? '' : ` --bin ${shellQuote(r.binary)}`;
  const base = `coder-conformance run${bin} --profile ${r.profile}`;
  const hints: string[] = [];
  if (failing.length === 0) {
    if (r.level === 'core') hints.push(`every core case passes; the strict level checks upstream's exact texts: ${base} --level strict`);
    hints.push(`to put this run beside another implementation: add --reporter json --out this.json, then coder-conformance compare this.json other.json`);
    return hints;
  }
  const strictFailing = failing.filter((c) => c.level === 'strict').length;
  if (r.level === 'strict' && strictFailing > 0) {
    hints.push(
      `${strictFailing} of the ${failing.length} failing cases are strict (upstream's exact wording); what callers rely on first: ${base} --level core`,
    );
  }
  const first = failing[0].id;
  const group = first.includes('/') ? `${first.slice(0, first.indexOf('/'))}/**` : first;
  hints.push(`one group at a time: ${base} --level ${r.level} --filter '${group}'`);
  hints.push(`only what failed: write this report with --reporter json --out report.json, then ${base} --level ${r.level} --rerun-failed report.json`);
  if (r.results.some((c) => c.outcome === 'fail'))
    hints.push(
      `if these failures are accepted for now: ${base} --level ${r.level} --print-known-failures > known-failures.yaml, then --expect-failures known-failures.yaml`,
    );
  return hints;
}

export function prettyReport(r: RunReport, options: PrettyOptions = {}): string {
  const paint: Paint = options.color ? (code, s) => `\x1b[${code}m${s}\x1b[0m` : (_code, s) => s;
  const dim = (s: string) => paint('2', s);
  const colourOf = { pass: '32', fail: '31', 'known-failure': '33', 'unexpected-pass': '35', 'not-run': '90' } as const;
  const cwd = options.cwd ?? process.cwd();
  const out: string[] = [];
  out.push(
    `coder-conformance: ${r.embeddedReference ? 'embedded reference CLI' : r.binary}, profile ${r.profile}, level ${r.level}${r.shard ? `, shard ${r.shard}` : ''}${r.filters.length ? `, filter ${r.filters.join(' ')}` : ''}`,
  );
  out.push(suiteLine(r));
  out.push('');
  for (const c of r.results) {
    const mark = paint(colourOf[c.outcome], MARK[c.outcome]);
    out.push(`${mark} ${c.id} — ${c.title}${c.outcome === 'pass' ? '' : ` [${paint(colourOf[c.outcome], outcomeLabel(c))}]`}`);
    if (c.outcome === 'known-failure' || c.outcome === 'unexpected-pass') out.push(`    known failure reason: ${c.knownReason}`);
    if (c.outcome === 'unexpected-pass') out.push('    this case now passes: remove it from the known-failures file');
    if (c.outcome === 'not-run') out.push(`    did not run: ${c.notRunReason}`);
    if (c.outcome === 'fail' || c.outcome === 'known-failure') {
      out.push(...invocationLines(c, cwd, dim));
      for (const f of c.verdict?.failures ?? []) {
        out.push(`    ${paint('1', `[${FAILURE_LABELS[f.kind]}]`)} ${f.message}`);
        if (f.detail) out.push(indent(f.detail, '      '));
      }
    }
  }
  out.push('');
  out.push(countsLine(r));
  out.push(`failures by kind: ${taxonomyLine(r)}`);
  out.push(excludedLine(r));
  for (const e of r.expiredKnownFailures) out.push(paint('31', `EXPIRED known-failure entry: ${e.id} (expired ${e.expires}): ${e.reason}`));
  out.push(...normalisationLines(r));
  out.push(...coverageLines(r));
  out.push(...coverageLegend(r).map(dim));
  out.push(`environment: ${r.environment.join('; ')}`);
  const verdictColour = r.exitCode === 0 ? '32' : r.exitCode === 1 ? '31' : '33';
  out.push(paint(`1;${verdictColour}`, `${resultLine(r)} in ${(r.durationMs / 1000).toFixed(1)}s`));
  const hints = closingHints(r);
  if (hints.length) out.push(...hints.map((h) => `${paint('36', 'next:')} ${h}`));
  return `${out.join('\n')}\n`;
}

/** One line per kind of coverage line: what it means. */
export function coverageLegend(r: RunReport): string[] {
  const e = COVERAGE_EXPLAINED;
  const lines = [`  (operations reached: ${e.reached}; declared statuses exercised: ${e.exercised})`, `  (never reached: ${e.neverReached})`];
  if (r.coverage.operations.some((o) => o.undeclared.length > 0)) lines.push(`  (undeclared statuses seen: ${e.undeclared})`);
  if (r.coverage.unknownOperations.length) lines.push(`  (operations not in the contract: ${e.unknown})`);
  lines.push(`  (cases per level: ${e.perLevel}; cases per revision: ${e.perRevision})`);
  return lines;
}
