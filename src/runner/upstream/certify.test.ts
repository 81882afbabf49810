import { describe, expect, it } from 'vitest';
import { stableReport } from './certify.ts';

describe('stableReport (the committed form of a certification report)', () => {
  it("replaces what changes between runs and machines with placeholders (the simulator found by its variables, a case's own URL kept), and keeps everything else", () => {
    const home = '/tmp/coder-conformance-AbC123';
    const report = {
      binary: '/home/u/.cache/coder-agent-conformance/upstream/v2.36.0/coder',
      startedAt: '2026-12-03T19:54:51.697Z',
      durationMs: 27179,
      results: [
        {
          id: 'url/x',
          file: '/work/suite/conformance/cases/url/x.yaml',
          durationMs: 812,
          process: { durationMs: 5.5, stdout: '', stderr: `GET http://127.0.0.1:33101/api/v2/x: dial 127.0.0.1:33101 (home ${home})\n` },
          invocation: {
            binary: '/home/u/.cache/coder-agent-conformance/upstream/v2.36.0/coder',
            env: {
              HOME: home,
              PATH: '/usr/local/go/bin:/usr/bin',
              CODER_AGENT_URL: 'http://127.0.0.1:1',
              HTTP_PROXY: 'http://127.0.0.1:33101',
              GCE_METADATA_HOST: '127.0.0.1:33101',
              TZ: 'UTC',
            },
            cwd: home,
          },
        },
      ],
    };
    expect(stableReport(report, '/home/u/.cache/coder-agent-conformance', '/work/suite')).toEqual({
      binary: '{upstream_cache}/upstream/v2.36.0/coder',
      startedAt: '2026-12-03T19:54:51.697Z',
      durationMs: 0,
      results: [
        {
          id: 'url/x',
          file: 'conformance/cases/url/x.yaml',
          durationMs: 0,
          process: { durationMs: 0, stdout: '', stderr: 'GET {origin}/api/v2/x: dial {origin_host} (home {home})\n' },
          invocation: {
            binary: '{upstream_cache}/upstream/v2.36.0/coder',
            env: {
              HOME: '{home}',
              PATH: '{PATH}',
              CODER_AGENT_URL: 'http://127.0.0.1:1',
              HTTP_PROXY: '{origin}',
              GCE_METADATA_HOST: '{origin_host}',
              TZ: 'UTC',
            },
            cwd: '{home}',
          },
        },
      ],
    });
  });

  it('replaces the TLS port (in https URLs and 0.0.0.0/localhost forms) and the local port of a read error', () => {
    const r = {
      id: 'tls/x',
      process: {
        stderr:
          'Get "https://0.0.0.0:41000/a": x; Get "https://localhost:41000/b"; read tcp 127.0.0.1:51234->127.0.0.1:33101: read: connection reset by peer\n',
      },
      journal: [{ url: 'https://127.0.0.1:41000/a' }],
      invocation: { env: { HTTP_PROXY: 'http://127.0.0.1:33101' } },
    };
    const out = stableReport({ results: [r] }, '/cache', '/suite') as { results: { process: { stderr: string }; journal: { url: string }[] }[] };
    expect(out.results[0].process.stderr).toBe(
      'Get "https://0.0.0.0:{tls_port}/a": x; Get "https://localhost:{tls_port}/b"; read tcp 127.0.0.1:{local_port}->{origin_host}: read: connection reset by peer\n',
    );
    expect(out.results[0].journal[0].url).toBe('https://127.0.0.1:{tls_port}/a');
  });

  it('replaces the simulator port after an IPv6 literal (a URL host, or the address Go dialled)', () => {
    const r = {
      id: 'url/agent-url/x',
      process: { stderr: 'Get "http://[::1%25lo]:33101/a": dial tcp [::1%lo]:33101: connect: connection refused; [::1]:1\n' },
      invocation: { env: { HTTP_PROXY: 'http://127.0.0.1:33101' } },
    };
    const out = stableReport({ results: [r] }, '/cache', '/suite') as { results: { process: { stderr: string } }[] };
    expect(out.results[0].process.stderr).toBe('Get "http://[::1%25lo]:{port}/a": dial tcp [::1%lo]:{port}: connect: connection refused; [::1]:1\n');
  });
});
