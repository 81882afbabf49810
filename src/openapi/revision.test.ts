// Revision order and the labels openapi.yaml uses in `x-coder-since`.
import { describe, expect, it } from 'vitest';
import { contractDocument } from './contract.ts';
import { CONTRACT_REVISIONS, isContractRevision, revisionAtLeast } from './revision.ts';

function sinceMarks(node: unknown, pointer = ''): [string, unknown][] {
  if (!node || typeof node !== 'object') return [];
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === 'x-coder-since') out.push([pointer, v]);
    else out.push(...sinceMarks(v, `${pointer}/${k}`));
  }
  return out;
}

describe('revisions', () => {
  it('orders revisions oldest first', () => {
    expect(revisionAtLeast('pr26883', 'pr24325')).toBe(true);
    expect(revisionAtLeast('pr24325', 'pr24325')).toBe(true);
    expect(revisionAtLeast('pr25443', 'pr26883')).toBe(false);
    expect(revisionAtLeast('pre-agent-name', 'pr24325')).toBe(false);
  });

  it('rejects unknown labels clearly', () => {
    expect(isContractRevision('pr24326')).toBe(false);
    expect(() => revisionAtLeast('pr24325', 'pr2')).toThrow('unknown revision "pr2" in x-coder-since (known: pre-agent-name, pr24325, pr25443, pr26883)');
  });

  it('openapi.yaml marks exactly agent_name, the 409 and expires_at, with known labels', () => {
    const marks = sinceMarks(contractDocument);
    expect(marks).toEqual([
      ['/components/responses/InstanceIdentityAmbiguous', 'pr24325'],
      ['/components/schemas/AgentName', 'pr24325'],
      ['/components/schemas/ExternalAuthResponse/properties/expires_at', 'pr26883'],
    ]);
    for (const [, label] of marks) expect(CONTRACT_REVISIONS).toContain(label);
  });
});
