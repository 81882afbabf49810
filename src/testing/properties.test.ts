import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, propertySettings, runs } from './properties.ts';

describe('property-test settings', () => {
  it('every test file runs with the seed the global setup fixed', () => {
    expect(process.env.FC_SEED).toMatch(/^-?\d+$/);
    expect(fc.readConfigureGlobal().seed).toBe(Number(process.env.FC_SEED));
  });
  it('a plain run is repeatable: the default seed, fast-check default runs', () => {
    expect(propertySettings({})).toEqual({ seed: DEFAULT_SEED, fuzz: false, runsFactor: 1 });
    expect(propertySettings({ FC_SEED: '-7' }).seed).toBe(-7);
  });
  it('fuzz mode draws a seed and scales the runs', () => {
    const s = propertySettings({ FC_FUZZ: '1' });
    expect(s.fuzz).toBe(true);
    expect(s.runsFactor).toBe(20);
    expect(propertySettings({ FC_FUZZ: '1', FC_RUNS_FACTOR: '3' }).runsFactor).toBe(3);
    expect(runs(10)).toBe(10 * propertySettings().runsFactor);
  });
  it('refuses a seed that is not an integer, naming the variable', () => {
    expect(() => propertySettings({ FC_SEED: 'abc' })).toThrow('FC_SEED must be an integer, got "abc"');
  });
  it('the global setup and this module agree on the default seed', () => {
    const setup = readFileSync(new URL('../../scripts/vitest-global-setup.mjs', import.meta.url), 'utf8');
    expect(setup).toContain(`const DEFAULT_SEED = ${DEFAULT_SEED};`);
  });
});
