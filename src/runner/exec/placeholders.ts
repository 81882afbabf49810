// Substitutes the run-time values a case cannot know in advance: {origin} (the simulator's
// base URL), {token_file} (path of the case's token file) and {home} (the binary's HOME).
// Only these exact names are replaced, so JSON braces in expectations are left alone.

export interface PlaceholderValues {
  origin: string;
  token_file: string;
  home: string;
}

const NAMES = ['origin', 'token_file', 'home'] as const;

export function substitute(text: string, values: PlaceholderValues): string {
  let out = text;
  for (const name of NAMES) out = out.split(`{${name}}`).join(values[name]);
  return out;
}

/** Deep substitution over strings inside JSON-like values (arrays, objects). */
export function substituteDeep<T>(value: T, values: PlaceholderValues): T {
  if (typeof value === 'string') return substitute(value, values) as T;
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, values)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [substitute(k, values), substituteDeep(v, values)])) as T;
  }
  return value;
}
