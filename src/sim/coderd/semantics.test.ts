// Go semantics the coderd simulator relies on that src/go does not provide: url.ParseQuery,
// google/uuid Parse forms, RFC3339Nano in UTC; and the agent selection as a pure function.
import { describe, expect, it } from 'vitest';
import { parseGoUUID } from './agent-token.ts';
import { expiresAt, isExpired, sameExpiry } from './expiry.ts';
import { getString, parseGoQuery } from './query.ts';
import { selectAgent } from './select-agent.ts';
import type { AgentRow } from '../world.ts';

describe('parseGoQuery (url.ParseQuery)', () => {
  it('keeps the first value, decodes + and %XX, drops pairs with ; or bad escapes', () => {
    const q = parseGoQuery('id=a+b&id=second&match=&x=%zz&y;z=1&listen&k=%E2%82%AC');
    expect(getString(q, 'id')).toBe('a b');
    expect(q.get('id')!.length).toBe(2);
    expect(q.has('match')).toBe(true);
    expect(q.has('listen')).toBe(true);
    expect(q.has('x')).toBe(false);
    expect(q.has('y;z')).toBe(false);
    expect(getString(q, 'k')).toBe('€');
    expect(getString(q, 'absent')).toBe('');
  });
});

describe('parseGoUUID (google/uuid Parse)', () => {
  it.each([
    ['d0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001'],
    ['D0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001'],
    ['{d0000000-0000-4000-8000-000000000001}', 'd0000000-0000-4000-8000-000000000001'],
    ['urn:uuid:d0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001'],
    ['d0000000000040008000000000000001', 'd0000000-0000-4000-8000-000000000001'],
    ['xd0000000-0000-4000-8000-000000000001y', 'd0000000-0000-4000-8000-000000000001'],
    ['{d0000000-0000-4000-8000-000000000001é', undefined],
    ['d0000000-0000-4000-8000-00000000000g', undefined],
    ['d0000000x0000-4000-8000-000000000001', undefined],
    ['foo', undefined],
    ['', undefined],
  ])('%j', (input, want) => expect(parseGoUUID(input)).toBe(want));
});

describe('expires_at', () => {
  it('RFC3339Nano in UTC without trailing zeros; zero time when none', () => {
    expect(expiresAt(undefined)).toBe('0001-01-01T00:00:00Z');
    expect(expiresAt('2026-06-30T12:00:00.123456Z')).toBe('2026-06-30T12:00:00.123456Z');
    expect(expiresAt('2026-06-30T12:00:00.000Z')).toBe('2026-06-30T12:00:00Z');
    expect(expiresAt('2026-06-30T14:30:00.123456789+02:30')).toBe('2026-06-30T12:00:00.123456789Z');
    expect(expiresAt('2026-01-01T00:30:00-01:00')).toBe('2026-01-01T01:30:00Z');
    expect(() => expiresAt('tomorrow')).toThrow('not an RFC 3339 time: "tomorrow"');
  });
  it('expired means strictly before now', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(isExpired(undefined, now)).toBe(false);
    expect(isExpired('2026-05-31T23:59:59.999999Z', now)).toBe(true);
    expect(isExpired('2026-06-01T00:00:00Z', now)).toBe(false);
  });
  it('the zero time (in any offset) is no expiry: never expired, equal to none', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(isExpired('0001-01-01T00:00:00Z', now)).toBe(false);
    expect(isExpired('0001-01-01T01:00:00+01:00', now)).toBe(false);
    expect(isExpired('0001-01-01T00:00:00.000000001Z', now)).toBe(true);
    expect(sameExpiry(undefined, '0001-01-01T00:00:00Z')).toBe(true);
    expect(sameExpiry('2026-07-01T02:00:00+02:00', '2026-07-01T00:00:00.000Z')).toBe(true);
    expect(sameExpiry('2026-07-01T00:00:00Z', '2026-07-01T00:00:00.000000001Z')).toBe(false);
    expect(sameExpiry(undefined, '2026-07-01T00:00:00Z')).toBe(false);
  });
});

describe('selectAgent', () => {
  const row = (name: string, createdAt: number, extra: Partial<AgentRow> = {}): AgentRow => ({
    id: name,
    name,
    token: `${name}-token`,
    instanceId: 'i-1',
    isSubAgent: false,
    deleted: false,
    createdAt,
    resourceName: 'r',
    jobType: 'workspace_build',
    workspace: { id: 'w', name: 'w', owner: 'o', deleted: false },
    buildNumber: 1,
    latestBuild: true,
    tokenBuildOk: true,
    ...extra,
  });
  it('sorts names byte-wise (upper case first, é after z) and keeps duplicates', () => {
    const agents = [row('zeta', 1), row('é', 2), row('Alpha', 3), row('zeta', 4)];
    expect(selectAgent('pr24325', agents, 'i-1', undefined)).toEqual({
      ok: false,
      status: 409,
      message: 'Multiple agents found with instance ID "i-1". Set CODER_AGENT_NAME to one of: Alpha, zeta, zeta, é',
    });
  });
  it('quotes the instance id with Go %q', () => {
    expect(selectAgent('pr24325', [], 'i-"\\\n\u00a0', undefined)).toEqual({
      ok: false,
      status: 404,
      message: 'Instance with id "i-\\"\\\\\\n\\u00a0" not found.',
    });
  });
  it('ties on createdAt: the later-listed row is newer', () => {
    const a = row('a', 5);
    const b = row('b', 5);
    expect(selectAgent('pre-agent-name', [a, b], 'i-1', undefined)).toEqual({ ok: true, agent: b });
  });
});
