// The revision table is the one source: every enum and listing of revisions elsewhere must equal it,
// so adding a row without the schemas (or the other way round) fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_REVISION, inRange, PROFILES, REVISION_TABLE, REVISIONS, revisionIndex } from './index.ts';

const root = new URL('../../', import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

describe('the revision table', () => {
  it('is the enum of case.schema.json (since, until, server_revision)', () => {
    const schema = json('conformance/case.schema.json');
    expect(schema.$defs.revision.enum).toEqual([...REVISIONS]);
    for (const field of ['since', 'until', 'server_revision']) expect(schema.$defs.case.properties[field].$ref, field).toBe('#/$defs/revision');
  });
  it('is the enum of scenario.schema.json', () => {
    expect(json('fixtures/scenarios/scenario.schema.json').$defs.revision.enum).toEqual([...REVISIONS]);
  });
  it('is the order openapi.yaml describes, and every x-coder-since names a row', () => {
    const text = readFileSync(new URL('openapi.yaml', root), 'utf8');
    const description = (parse(text) as { info: { description: string } }).info.description.replace(/\s+/g, ' ');
    expect(description).toContain(`Revisions in order: ${REVISIONS.map((r) => `\`${r}\``).join(' < ')}.`);
    const since = [...text.matchAll(/x-coder-since:\s*(\S+)/g)].map((m) => m[1]);
    expect(since.length).toBeGreaterThan(0);
    for (const s of since) expect(REVISIONS, s).toContain(s);
  });
  it('lists the profiles default first, then newest to oldest, and only rows marked profile', () => {
    expect(PROFILES).toEqual(['pr24325', 'pr26883', 'pre-agent-name']);
    expect(PROFILES[0]).toBe(DEFAULT_REVISION);
    for (const r of REVISIONS) expect(PROFILES.includes(r as never), r).toBe(REVISION_TABLE[r].profile);
  });
  it('has traits that never disappear in a later revision (all of them arrived once and stayed)', () => {
    for (let i = 1; i < REVISIONS.length; i++) {
      const before = REVISION_TABLE[REVISIONS[i - 1]];
      const after = REVISION_TABLE[REVISIONS[i]];
      for (const t of [
        'agentName',
        'outputFlag',
        'expiresAt',
        'emptyEnvIsSet',
        'staleBuildFilter',
        'validateRateLimit',
        'azureContentSignature',
        'urlStrictColons',
      ] as const) {
        if (before[t]) expect(after[t], `${REVISIONS[i]}.${t}`).toBe(true);
      }
      expect(after.exampleCount, REVISIONS[i]).toBeGreaterThanOrEqual(before.exampleCount);
    }
  });
  it('selects a case range [since, until], both ends inclusive and optional', () => {
    expect(inRange('pr24325', {})).toBe(true);
    expect(inRange('pre-agent-name', { since: 'pr24325' })).toBe(false);
    expect(inRange('pr26883', { since: 'pr24325' })).toBe(true);
    expect(inRange('pr26883', { until: 'pr24325' })).toBe(false);
    expect(inRange('pr24325', { since: 'pr24325', until: 'pr24325' })).toBe(true);
    expect(inRange('pr26883', { since: 'pr25443' })).toBe(true);
    expect(() => revisionIndex('pr99999')).toThrow(/unknown revision "pr99999" \(known: pre-agent-name, pr24325, pr25443, pr26883\)/);
  });
});
