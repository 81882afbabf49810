// Small HTTP helpers for contract validation: case-insensitive header lookup,
// media-type essence and matching, Cookie parsing, and path-template matching.

export type HeaderList = [string, string][];

/** All values of a header (case-insensitive), joined with ", " as HTTP allows; undefined when absent. */
export function headerValue(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  const values = headers.filter(([k]) => k.toLowerCase() === lower).map(([, v]) => v);
  return values.length === 0 ? undefined : values.join(', ');
}

/** `application/json; charset=utf-8` → `application/json` (lower-cased, trimmed). */
export function mediaTypeEssence(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** Whether an actual media type is covered by a declared key (`text/plain`, `text/*`, `*\/*`). */
export function mediaTypeMatches(declared: string, actual: string): boolean {
  const d = mediaTypeEssence(declared);
  if (d === '*/*' || d === actual) return true;
  return d.endsWith('/*') && actual.startsWith(d.slice(0, -1));
}

export function isJsonMediaType(essence: string): boolean {
  return essence === 'application/json' || /^application\/[^/]+\+json$/.test(essence);
}

/** Cookie header → name/value map (first occurrence wins, like Go's Request.Cookie). */
export function parseCookies(headers: HeaderList): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of headers) {
    if (k.toLowerCase() !== 'cookie') continue;
    for (const part of v.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      const name = part.slice(0, eq).trim();
      if (name !== '' && !out.has(name)) out.set(name, part.slice(eq + 1).trim());
    }
  }
  return out;
}

export interface PathTemplate {
  template: string;
  regex: RegExp;
  names: string[];
  /** Templates without parameters win over templated ones (OpenAPI path matching rule). */
  literal: boolean;
}

export function compilePathTemplate(template: string): PathTemplate {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{([^}]+)\}$/.exec(part);
      if (m) {
        names.push(m[1]);
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { template, regex: new RegExp(`^${source}$`), names, literal: names.length === 0 };
}

/** Path parameters (percent-decoded) when `path` matches the template, else undefined. */
export function matchPath(t: PathTemplate, path: string): Record<string, string> | undefined {
  const m = t.regex.exec(path);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  t.names.forEach((name, i) => {
    let value = m[i + 1];
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep the raw segment: a malformed escape is still a value the contract can judge
    }
    params[name] = value;
  });
  return params;
}

/** Splits a request URL (absolute, or a path with optional query) into path and query. */
export function splitUrl(url: string): { path: string; query: URLSearchParams } {
  const parsed = new URL(url, 'http://contract.invalid');
  return { path: parsed.pathname, query: parsed.searchParams };
}
