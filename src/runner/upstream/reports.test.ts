// The committed certifications of real upstream builds (conformance/upstream/) against the current
// cases, without Go: every report is a strict JSON report of its version and profile; every case id
// in a report or a known-failures file exists; the index matches the reports; the README's summary
// table is the index's; own-profile runs end with nothing but explained (known) failures. A report
// whose cases changed since it was made is stale: the test fails naming it and the command that renews it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKnownFailures } from '../cases/known-failures.ts';
import { loadCases } from '../cases/load-cases.ts';
import { packageRoot } from '../root.ts';
import { selectCases } from '../cases/select.ts';
import type { RunReport } from '../report/summary.ts';
import type { Profile } from '../types.ts';
import { certDir, readIndex, reportFiles, reportName, staleness, summaryTable } from './certify.ts';

const index = readIndex();
const cases = loadCases();
const ids = new Set(cases.map((c) => c.id));
/** Loopback addresses with a port that cases write themselves (`http://127.0.0.1:65535`): not the simulator's. */
const fixedAddresses = new Set(cases.flatMap((c) => JSON.stringify(c).match(/127\.0\.0\.1:\d{4,5}\b/g) ?? []));
const readme = readFileSync(join(packageRoot(), 'conformance', 'README.md'), 'utf8');

describe('committed upstream certifications', () => {
  it('the plan and the index agree with the report files', () => {
    expect(index.plan.length).toBeGreaterThan(0);
    const planned = index.plan.flatMap((p) => [reportName(p.version, p.profile), ...p.cross.map((c) => reportName(p.version, c))]).sort();
    expect(index.certifications.map((c) => c.report).sort()).toEqual(planned);
    expect(reportFiles()).toEqual(planned);
  });

  it('the README summary table is the index', () => {
    expect(readme).toContain(summaryTable(index));
  });

  for (const cert of index.certifications) {
    describe(cert.report, () => {
      const report = JSON.parse(readFileSync(join(certDir(), cert.report), 'utf8')) as RunReport & { format: string };

      it('is a strict JSON report of its version and profile, with the counts the index states', () => {
        expect(report.format).toBe('coder-conformance-report');
        expect(report.profile).toBe(cert.profile);
        expect(report.level).toBe('strict');
        expect(report.filters).toEqual([]);
        expect(report.binary).toMatch(new RegExp(`/upstream/${cert.version.replace(/\./g, '\\.')}/coder$`));
        expect(report.counts).toMatchObject(cert.counts);
        expect(report.exitCode).toBe(cert.exitCode);
        expect(report.results.map((r) => r.id).sort()).toEqual(Object.keys(cert.cases).sort());
      });

      it("is in its committed form: no ephemeral ports (a case's own fixed URL stays), temp folders, PATH, cache or suite folder of the machine that ran it", () => {
        const text = readFileSync(join(certDir(), cert.report), 'utf8');
        const leaks = text.match(/127\.0\.0\.1:\d{4,5}\b|\/tmp\/coder-conformance-|"PATH": "\/|"durationMs": [1-9]|"file": "\//g) ?? [];
        expect(leaks.filter((m) => !fixedAddresses.has(m))).toEqual([]);
        expect(report.binary).toBe(`{upstream_cache}/upstream/${cert.version}/coder`);
      });

      it('names only cases that exist', () => {
        const missing = report.results.map((r) => r.id).filter((id) => !ids.has(id));
        expect(missing, `${cert.report} names cases that no longer exist`).toEqual([]);
        if (cert.knownFailures) expect(() => readKnownFailures(join(certDir(), cert.knownFailures!), ids)).not.toThrow();
      });

      it('ends with only known (explained) failures and nothing unrun', () => {
        expect(report.counts.skipped).toBe(0);
        expect(report.counts.unexpectedlyPassing).toBe(0);
        expect(
          report.counts.failed,
          `${cert.report}: unexplained failures (add them, with the reason, to ${cert.knownFailures ?? 'a known-failures file'})`,
        ).toBe(0);
        expect(report.exitCode).toBe(0);
      });
    });
  }

  it('no report is stale (its cases unchanged since it was made); stale ones are named', () => {
    const stale: string[] = [];
    for (const cert of index.certifications) {
      const selected = selectCases(cases, { profile: cert.profile as Profile, level: 'strict', filters: [] }).selected;
      const why = staleness(cert, selected);
      if (why.length) stale.push(`${cert.report}: ${why.join('; ')}`);
    }
    if (stale.length) {
      expect.fail(
        `stale upstream certifications; renew them with \`npm run upstream -- certify\` (needs Go and the Go module proxy):\n${stale.map((x) => `  ${x}`).join('\n')}`,
      );
    }
  });
});
