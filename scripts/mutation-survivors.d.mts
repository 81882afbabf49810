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
/** Puts the results of a later report's mutants (same file source) into `report`; returns how many. */
export function overlayReport(report: ReportLike, overlay: ReportLike): number;
