// Machine-readable report: the whole RunReport as indented JSON, plus a format version.
import type { RunReport } from '../summary.ts';

export const JSON_REPORT_VERSION = 1;

export function jsonReport(r: RunReport): string {
  return `${JSON.stringify({ format: 'coder-conformance-report', version: JSON_REPORT_VERSION, ...r }, null, 2)}\n`;
}
