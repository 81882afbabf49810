// The HTTP helpers behind the validator: header lookup, media types, cookies,
// path templates and URL splitting.
import { describe, expect, it } from 'vitest';
import { compilePathTemplate, headerValue, isJsonMediaType, matchPath, mediaTypeEssence, mediaTypeMatches, parseCookies, splitUrl } from './http.ts';

describe('http helpers', () => {
  it('finds headers case-insensitively and joins repeats', () => {
    const h: [string, string][] = [
      ['X-A', '1'],
      ['x-a', '2'],
      ['B', ''],
    ];
    expect(headerValue(h, 'x-A')).toBe('1, 2');
    expect(headerValue(h, 'b')).toBe('');
    expect(headerValue(h, 'c')).toBeUndefined();
  });

  it('compares media types by essence, with ranges', () => {
    expect(mediaTypeEssence(' Application/JSON ; charset=utf-8')).toBe('application/json');
    expect(mediaTypeMatches('text/*', 'text/html')).toBe(true);
    expect(mediaTypeMatches('text/*', 'application/text')).toBe(false);
    expect(mediaTypeMatches('*/*', 'image/png')).toBe(true);
    expect(mediaTypeMatches('text/plain', 'text/plain')).toBe(true);
    expect(isJsonMediaType('application/problem+json')).toBe(true);
    expect(isJsonMediaType('text/json')).toBe(false);
  });

  it('parses cookies; the first occurrence wins', () => {
    const c = parseCookies([
      ['Cookie', 'a=1; coder_session_token=t1; b'],
      ['cookie', 'coder_session_token=t2'],
    ]);
    expect([...c]).toEqual([
      ['a', '1'],
      ['coder_session_token', 't1'],
    ]);
  });

  it('matches path templates literally except for parameters, and decodes them', () => {
    const t = compilePathTemplate('/v1/service-accounts/{serviceAccount}/identity.json');
    expect(matchPath(t, '/v1/service-accounts/sa%40p.iam/identity.json')).toEqual({ serviceAccount: 'sa@p.iam' });
    expect(matchPath(t, '/v1/service-accounts/sa/identityXjson')).toBeUndefined();
    expect(matchPath(t, '/v1/service-accounts/a/b/identity.json')).toBeUndefined();
    expect(matchPath(t, '/v1/service-accounts/%E0%A4/identity.json')).toEqual({ serviceAccount: '%E0%A4' });
    expect(t.literal).toBe(false);
    expect(compilePathTemplate('/latest/api/token').literal).toBe(true);
  });

  it('splits absolute and relative URLs', () => {
    const a = splitUrl('http://169.254.169.254/metadata/attested/document?api-version=2020-09-01');
    expect([a.path, a.query.get('api-version')]).toEqual(['/metadata/attested/document', '2020-09-01']);
    const r = splitUrl('/api/v2/workspaceagents/me/external-auth?id=git+hub&match=');
    expect([r.path, r.query.get('id'), r.query.has('match'), r.query.get('match')]).toEqual(['/api/v2/workspaceagents/me/external-auth', 'git hub', true, '']);
  });
});
