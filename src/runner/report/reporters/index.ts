// Reporter registry: --reporter pretty|json|junit|tap|html.
import { htmlReport } from './html.ts';
import { jsonReport } from './json.ts';
import { junitReport } from './junit.ts';
import { prettyReport } from './pretty.ts';
import { tapReport } from './tap.ts';

export const REPORTERS = { pretty: prettyReport, json: jsonReport, junit: junitReport, tap: tapReport, html: htmlReport } as const;
export type ReporterName = keyof typeof REPORTERS;

export function isReporterName(s: string): s is ReporterName {
  return Object.hasOwn(REPORTERS, s);
}
