// Canonical pact form: interactions sorted by description then states, keys sorted, one trailing
// newline, duplicates refused.
import { describe, expect, it } from 'vitest';
import { canonicalPact, serializePact, type PactFile, type PactInteraction } from './pact-file.ts';

const interaction = (description: string, state?: string): PactInteraction => ({
  type: 'Synchronous/HTTP',
  description,
  ...(state ? { providerStates: [{ name: state }] } : {}),
  response: { status: 200 },
  request: { path: '/', method: 'GET' },
});

const pact = (...interactions: PactInteraction[]): PactFile => ({
  provider: { name: 'coderd' },
  metadata: { pactSpecification: { version: '4.0' } },
  interactions,
  consumer: { name: 'coder-agent' },
});

describe('canonical pact files', () => {
  it('sorts interactions by description, then provider states, and every object key', () => {
    const out = canonicalPact(pact(interaction('b'), interaction('a', 'y'), interaction('a', 'x')));
    expect(out.interactions.map((i) => [i.description, i.providerStates?.[0].name])).toEqual([
      ['a', 'x'],
      ['a', 'y'],
      ['b', undefined],
    ]);
    expect(Object.keys(out)).toEqual(['consumer', 'interactions', 'metadata', 'provider']);
    expect(Object.keys(out.interactions[0])).toEqual(['description', 'providerStates', 'request', 'response', 'type']);
  });

  it('serialises the same content identically whatever the input order', () => {
    const one = serializePact(pact(interaction('a'), interaction('b')));
    const two = serializePact(pact(interaction('b'), interaction('a')));
    expect(one).toBe(two);
    expect(one.endsWith('}\n')).toBe(true);
    expect(one.startsWith('{\n  "consumer": {\n    "name": "coder-agent"\n  },\n')).toBe(true);
  });

  it('refuses two interactions with the same description and states', () => {
    expect(() => canonicalPact(pact(interaction('a', 'x'), interaction('a', 'x')))).toThrow(
      'pact has two interactions "a" with provider states [{"name":"x"}]',
    );
  });
});
