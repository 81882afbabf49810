// Types of mutation/scope.mjs, for the tests that import it.
export function bundledLines(root?: string): Map<string, Set<number>>;
export function topLevelSpans(text: string, fileName?: string): { first: number; last: number }[];
export function goMutateRanges(root: string, readText: (file: string) => string): string[];
