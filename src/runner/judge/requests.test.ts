// Unit tests of the journal assertions: query, headers, JSON bodies, counts and order.
import { describe, expect, it } from 'vitest';
import type { WireEntry } from '../types.ts';
import { entryMismatches, isSubset, judgeWire, parseQuery, rawQuery } from './requests.ts';

const get: WireEntry = {
  seq: 3,
  time: '',
  durationMs: 0,
  service: 'coderd',
  operationId: 'getWorkspaceAgentExternalAuth',
  method: 'GET',
  url: 'http://127.0.0.1:4000/api/v2/workspaceagents/me/external-auth?id=git+hub&match=',
  path: '/api/v2/workspaceagents/me/external-auth',
  query: 'id=git+hub&match=',
  headers: [
    ['Coder-Session-Token', ''],
    ['User-Agent', 'Go-http-client/1.1'],
    ['Accept-Encoding', 'gzip'],
  ],
  body: '',
  response: { status: 401, headers: [], body: '' },
  violations: [],
  proxied: false,
};
const post: WireEntry = {
  seq: 2,
  time: '',
  durationMs: 0,
  service: 'coderd',
  operationId: 'authAwsInstanceIdentity',
  method: 'POST',
  url: 'http://127.0.0.1:4000/api/v2/workspaceagents/aws-instance-identity',
  path: '/api/v2/workspaceagents/aws-instance-identity',
  query: '',
  headers: [['Content-Type', 'application/json']],
  body: '{"signature":"s","document":"d","agent_name":"  "}\n',
  response: { status: 409, headers: [], body: '' },
  violations: [],
  proxied: false,
};

describe('wire assertions', () => {
  it('reads the raw and decoded query', () => {
    expect(rawQuery(get)).toBe('id=git+hub&match=');
    expect([...parseQuery('id=git+hub&match=&x=%C3%A9')]).toEqual([
      ['id', ['git hub']],
      ['match', ['']],
      ['x', ['é']],
    ]);
  });

  it('compares the whole URL (scheme and origin included)', () => {
    expect(entryMismatches(get, { url: get.url })).toEqual([]);
    expect(entryMismatches(get, { url: get.url.replace('http:', 'https:') })).toEqual([
      `url is ${JSON.stringify(get.url)}, want ${JSON.stringify(get.url.replace('http:', 'https:'))}`,
    ]);
  });

  it('compares the order of the headers sent, spelling included', () => {
    const names = get.headers.map(([n]) => n);
    expect(entryMismatches(get, { header_order: names })).toEqual([]);
    const swapped = [names[1], names[0], ...names.slice(2)];
    expect(entryMismatches(get, { header_order: swapped })).toEqual([`headers were sent in the order "${names.join(', ')}", want "${swapped.join(', ')}"`]);
    expect(entryMismatches(get, { header_order: names.map((n) => n.toLowerCase()) })).toHaveLength(1);
  });

  it('matches query params, empty header values and absent headers', () => {
    expect(
      entryMismatches(get, {
        query: 'id=git+hub&match=',
        query_params: { id: 'git hub', match: '', listen: null },
        headers: { 'coder-session-token': '', Authorization: null },
      }),
    ).toEqual([]);
    expect(entryMismatches(get, { query_params: { match: 'x', listen: '' }, headers_absent: ['user-agent'], header_names_exact: ['Accept-encoding'] })).toEqual(
      [
        'query parameter "match" is "", want "x"',
        'query parameter "listen" is absent, want ""',
        'header user-agent is present, want absent',
        'header name "Accept-encoding" not sent with that exact spelling (sent as "Accept-Encoding")',
      ],
    );
  });

  it('compares JSON bodies: equal, subset, absent keys, raw bytes', () => {
    expect(entryMismatches(post, { body_json: { agent_name: '  ', document: 'd', signature: 's' }, body_json_subset: { agent_name: '  ' } })).toEqual([]);
    expect(entryMismatches(post, { body_keys_absent: ['agent_name'], body: '{"signature":"s","document":"d"}\n' })).toEqual([
      'body is "{\\"signature\\":\\"s\\",\\"document\\":\\"d\\",\\"agent_name\\":\\"  \\"}\\n", want "{\\"signature\\":\\"s\\",\\"document\\":\\"d\\"}\\n"',
      'JSON body has key "agent_name" ("  "), want absent',
    ]);
    expect(isSubset({ a: [1, { b: 2 }] }, { a: [1, { b: 2, c: 3 }], d: 4 })).toBe(true);
    expect(isSubset({ a: [1] }, { a: [1, 2] })).toBe(false);
  });

  it('counts, orders and lists the journal on failure', () => {
    const journal = [get, post];
    expect(judgeWire(journal, { exit: 0, requests: [{ method: 'POST' }, { method: 'GET', count: 1 }], requests_in_order: true, total_requests: 2 })).toEqual(
      [],
    );
    const f = judgeWire(journal, { exit: 0, requests: [{ method: 'GET' }, { method: 'POST' }], requests_in_order: true });
    expect(f.map((x) => x.message)).toEqual(['requests out of order: no "POST" after request #3']);
    const missing = judgeWire(journal, {
      exit: 0,
      requests: [{ description: 'agent_name omitted', operation: 'authAwsInstanceIdentity', body_keys_absent: ['agent_name'] }],
      total_requests: 3,
    });
    expect(missing.map((x) => x.message)).toEqual(['agent_name omitted: 0 matching request(s), want at least 1', '2 request(s) in the journal, want 3']);
    expect(missing[0].detail).toBe(
      'closest: #2 coderd/authAwsInstanceIdentity POST /api/v2/workspaceagents/aws-instance-identity -> 409\n' +
        '  - JSON body has key "agent_name" ("  "), want absent\n' +
        'journal:\n' +
        '  #2 coderd/authAwsInstanceIdentity POST /api/v2/workspaceagents/aws-instance-identity -> 409\n' +
        '  #3 coderd/getWorkspaceAgentExternalAuth GET /api/v2/workspaceagents/me/external-auth?id=git+hub&match= -> 401',
    );
    expect(judgeWire(journal, { exit: 0, requests: [{ service: 'aws', count: 0 }] })).toEqual([]);
  });
});
