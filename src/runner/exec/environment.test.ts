// The binary's environment (documented order, nothing inherited but PATH) and binary lookup.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveBinary } from '../command/binary.ts';
import { buildEnv, parseBinEnv } from './environment.ts';

const dir = mkdtempSync(join(tmpdir(), 'runner-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildEnv', () => {
  it('layers runner, simulator, reference revision, --bin-env and case env; null removes', () => {
    const env = buildEnv({
      home: '/tmp/h',
      path: '/usr/bin',
      simulator: { CODER_AGENT_URL: 'http://127.0.0.1:1', HTTP_PROXY: 'http://127.0.0.1:1', CODER_AGENT_TOKEN: 't', TZ: 'Europe/Paris' },
      referenceRevision: 'pr26883',
      binEnv: { CODER_REFERENCE_REVISION: 'pre-agent-name', EXTRA: '1' },
      caseEnv: { CODER_AGENT_TOKEN: null, CODER_AGENT_NAME: ' a ' },
    });
    expect(env).toEqual({
      HOME: '/tmp/h',
      TMPDIR: '/tmp/h',
      TZ: 'Europe/Paris',
      LANG: 'C.UTF-8',
      PATH: '/usr/bin',
      CODER_AGENT_URL: 'http://127.0.0.1:1',
      HTTP_PROXY: 'http://127.0.0.1:1',
      CODER_REFERENCE_REVISION: 'pre-agent-name',
      EXTRA: '1',
      CODER_AGENT_NAME: ' a ',
    });
    expect(buildEnv({ home: '/h', path: undefined, simulator: {}, binEnv: {}, caseEnv: {} })).toEqual({ HOME: '/h', TMPDIR: '/h', TZ: 'UTC', LANG: 'C.UTF-8' });
  });
  it('parses --bin-env pairs', () => {
    expect(parseBinEnv(['A=1', 'B=x=y', 'C='])).toEqual({ A: '1', B: 'x=y', C: '' });
    expect(() => parseBinEnv(['=1'])).toThrow('--bin-env wants KEY=VALUE, got "=1"');
  });
});

describe('resolveBinary', () => {
  it('finds bare names on PATH and checks files', () => {
    const p = join(dir, 'impl');
    writeFileSync(p, '#!/bin/sh\n');
    chmodSync(p, 0o755);
    expect(resolveBinary('impl', `/nonexistent:${dir}`)).toBe(p);
    expect(() => resolveBinary('impl-missing', dir)).toThrow('binary "impl-missing" not found on PATH');
    expect(() => resolveBinary(dir)).toThrow(`binary is not a file: ${dir}`);
  });
  it('points at ./NAME when a bare name is a file in the working directory', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(() => resolveBinary('impl', '/nonexistent')).toThrow('binary "impl" not found on PATH (to run the file in this folder, pass --bin ./impl)');
    } finally {
      process.chdir(cwd);
    }
  });
});
