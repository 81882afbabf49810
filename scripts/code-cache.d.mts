// Types of scripts/code-cache.mjs's exports (for the tests that import it).
export declare const TOKEN_PREFIX: string;
export declare function withToken(text: string): string;
export declare function wrap(source: string): string;
export declare function cacheState(file: string): string;
