// JUnit XML report (the de-facto schema CI systems read): one <testsuite> per run, one
// <testcase> per selected case. Text is escaped for XML 1.0, including characters XML forbids.
import type { RunReport } from '../summary.ts';
import { FAILURE_LABELS } from '../../types.ts';
import { countsLine, coverageLines, normalisationLines, taxonomyLine } from './common.ts';

/**
 * Escapes text for XML content (or, with `attribute`, an attribute value, where tab, CR and LF are
 * written as character references so parsers keep them); characters XML 1.0 cannot hold become
 * `\xNN`/`\uNNNN`, bytes that are not valid UTF-8 (U+DC80+byte from process.ts) `\xNN`.
 */
export function xmlEscape(s: string, attribute = false): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    // Parsers turn tab/CR/LF in attribute values into spaces, and CR in content into LF.
    else if (c === 0x9 || c === 0xa || c === 0xd) out += attribute || c === 0xd ? `&#${c};` : ch;
    else if (c < 0x20) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xdc80 && c <= 0xdcff)
      out += `\\x${(c - 0xdc00).toString(16)}`; // a byte that is not valid UTF-8 (process.ts)
    else if ((c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

const secs = (ms: number) => (ms / 1000).toFixed(3);

export function junitReport(r: RunReport): string {
  const failures = r.counts.failed + r.counts.unexpectedlyPassing;
  const errors = r.counts.skipped;
  const skipped = r.counts.knownFailing;
  const name = `coder-conformance ${r.profile} ${r.level}${r.shard ? ` shard ${r.shard}` : ''}`;
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    `<testsuites name="coder-conformance" tests="${r.counts.selected}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${secs(r.durationMs)}">`,
  );
  lines.push(
    `  <testsuite name="${xmlEscape(name, true)}" tests="${r.counts.selected}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${secs(r.durationMs)}" timestamp="${xmlEscape(r.startedAt, true)}">`,
  );
  lines.push('    <properties>');
  const props: [string, string][] = [
    ['suite.version', r.suite.version],
    ['suite.cases-hash', r.suite.casesHash],
    ['binary', r.binary],
    ['profile', r.profile],
    ['level', r.level],
    ['counts', countsLine(r)],
    ['failures-by-kind', taxonomyLine(r)],
    ...normalisationLines(r).map((l, i): [string, string] => [`normalisation.${i + 1}`, l]),
    ...coverageLines(r).map((l, i): [string, string] => [`coverage.${i + 1}`, l.trim()]),
    ...r.expiredKnownFailures.map((e): [string, string] => [`expired-known-failure.${e.id}`, `${e.expires}: ${e.reason}`]),
  ];
  for (const [k, v] of props) lines.push(`      <property name="${xmlEscape(k, true)}" value="${xmlEscape(v, true)}"/>`);
  lines.push('    </properties>');
  for (const c of r.results) {
    const cls = `conformance.${c.id.includes('/') ? c.id.slice(0, c.id.lastIndexOf('/')).replace(/\//g, '.') : c.level}`;
    const open = `    <testcase classname="${xmlEscape(cls, true)}" name="${xmlEscape(`${c.id}: ${c.title}`, true)}" time="${secs(c.durationMs)}"`;
    if (c.outcome === 'pass') {
      lines.push(`${open}/>`);
      continue;
    }
    lines.push(`${open}>`);
    if (c.outcome === 'known-failure') {
      lines.push(`      <skipped message="${xmlEscape(`known failure: ${c.knownReason}`, true)}"/>`);
    } else if (c.outcome === 'unexpected-pass') {
      lines.push(`      <failure type="unexpected-pass" message="${xmlEscape(`listed as a known failure but passes: ${c.knownReason}`, true)}"/>`);
    } else if (c.outcome === 'not-run') {
      lines.push(`      <error type="not-run" message="${xmlEscape(`did not run: ${c.notRunReason}`, true)}"/>`);
    } else {
      for (const f of c.verdict?.failures ?? []) {
        lines.push(
          `      <failure type="${xmlEscape(FAILURE_LABELS[f.kind], true)}" message="${xmlEscape(f.message, true)}">${xmlEscape(f.detail ?? f.message)}</failure>`,
        );
      }
    }
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>');
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
