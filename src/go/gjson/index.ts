// Public gjson API (tidwall/gjson v1.18.0 semantics): Get, Parse, Valid and the Result type.
import './get.ts';
export { gjsonGet } from './get.ts';
export { GjsonResult, gjsonParse } from './result.ts';
export type { GjsonType } from './result.ts';
export { gjsonValid } from './modifiers.ts';
export { matchLimit } from './match.ts';
