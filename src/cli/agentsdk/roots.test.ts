// goRootCAs: Go's Linux root loading when SSL_CERT_FILE / SSL_CERT_DIR are set (the certificates only).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goRootCAs } from './roots.ts';

const pem = (n: number) => `-----BEGIN CERTIFICATE-----\nQ0VSVC${n}\n-----END CERTIFICATE-----`;

describe('goRootCAs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'roots-'));
  writeFileSync(join(dir, 'bundle.pem'), `junk before\n${pem(1)}\nbetween\n${pem(2)}\n-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n`);
  mkdirSync(join(dir, 'a'));
  mkdirSync(join(dir, 'b'));
  writeFileSync(join(dir, 'a', 'one.crt'), pem(3));
  writeFileSync(join(dir, 'b', 'two.txt'), `${pem(4)}\n`);

  it('is undefined (Node keeps its own roots) without either variable, or with both empty', () => {
    expect(goRootCAs({})).toBeUndefined();
    expect(goRootCAs({ SSL_CERT_FILE: '', SSL_CERT_DIR: '' })).toBeUndefined();
  });

  it('takes only the CERTIFICATE blocks of SSL_CERT_FILE, plus every file of the SSL_CERT_DIR directories', () => {
    expect(goRootCAs({ SSL_CERT_FILE: join(dir, 'bundle.pem'), SSL_CERT_DIR: `${join(dir, 'a')}:${join(dir, 'b')}:${join(dir, 'missing')}` })).toEqual([
      pem(1),
      pem(2),
      pem(3),
      pem(4),
    ]);
  });

  it('an unreadable SSL_CERT_FILE adds nothing (no fallback to the default bundles)', () => {
    expect(goRootCAs({ SSL_CERT_FILE: join(dir, 'nope.pem'), SSL_CERT_DIR: join(dir, 'a') })).toEqual([pem(3)]);
  });
});
