// Types of scripts/build.mjs for the TypeScript tests that import it.
export function buildAll(): Promise<void>;
export function bundleTs(entry: string, outfile: string): Promise<void>;
export function contractDefine(file?: string): { __PARSED_CONTRACT__: string };
