// Placeholders (placeholders.ts): which cases get a simulator that listens on TLS.
import { describe, expect, it } from 'vitest';
import { usesTls } from './placeholders.ts';

describe('usesTls', () => {
  const base = { args: ['external-auth', 'access-token', 'github'], expect: { exit: 0, stderr: '' } };
  it('is true when argv, env, the token file or an expectation names {tls_origin}, {tls_port} or {ca_file}', () => {
    expect(usesTls(base)).toBe(false);
    expect(usesTls({ ...base, env: { CODER_AGENT_URL: '{origin}', HOME: '{home}' } })).toBe(false);
    expect(usesTls({ ...base, env: { CODER_AGENT_URL: '{tls_origin}' } })).toBe(true);
    expect(usesTls({ ...base, env: { SSL_CERT_FILE: '{ca_file}' } })).toBe(true);
    expect(usesTls({ ...base, args: ['--url', 'https://localhost:{tls_port}'] })).toBe(true);
    expect(usesTls({ ...base, token_file: '{tls_port}' })).toBe(true);
    expect(usesTls({ ...base, expect: { exit: 1, stderr: 'dial {tls_origin}' } })).toBe(true);
    expect(usesTls({ ...base, env: { X: '{tls_origins}' } })).toBe(false);
  });
});
