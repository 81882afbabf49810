export interface SurvivorEntry {
  file: string;
  line?: string;
  mutators?: string[];
  kind: 'equivalent' | 'unkillable';
  reason: string;
  index: number;
  used: number;
}
export interface MutantLike {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number }; end?: { line: number; column: number } };
  killedBy?: string[];
  coveredBy?: string[];
}
export interface ReportLike {
  files: Record<string, { source: string; mutants: MutantLike[] }>;
}
export function loadEntries(text: string, where: string): SurvivorEntry[];
export function matchSurvivors(report: ReportLike, entries: SurvivorEntry[]): { file: string; line: number; text: string; mutant: MutantLike; entry?: SurvivorEntry }[];
export function scores(report: ReportLike): { file: string; mutants: number; detected: number; survived: number; noCoverage: number; ignored: number; score: number }[];
/**
 * Puts a later report's results into `report` (same source: per mutant; a file run on its `current` source:
 * whole, or with `changedLines` over the older results of its unchanged lines; `killsOnly`: only killed and
 * timed-out mutants, same source); returns how many results were taken.
 */
export function overlayReport(
  report: ReportLike,
  overlay: ReportLike,
  opts?: { killsOnly?: boolean; changedLines?: boolean; current?: (file: string) => string | undefined },
): number;
/** Old line number → new line number for each line of `from` that `to` keeps as it is. */
export function lineMap(from: string, to: string): Map<number, number>;
/** The report's files whose source is not `current(file)`. */
export function staleFiles(report: ReportLike, current: (file: string) => string | undefined): string[];
