// scripts/fill-table.mjs (`npm run fill-table`): a row's "?" replaced by what a build printed, written so
// that the generated case reads back the exact text.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fillLine, maskPort, simulatorPort } from '../../scripts/fill-table.mjs';
// @ts-expect-error: a plain .mjs script without type declarations
import { yamlString } from '../../scripts/generate-cases.mjs';

describe('fill-table', () => {
  it('replaces each "?" of exit, stdout and stderr, and nothing else', () => {
    const line = '- {name: a, flag: "?x", exit: "?", stdout: "?", stderr: "?"}';
    const out = fillLine(line, { exitCode: 1, stdout: 'out', stderr: 'error: "x"\n' }, '9999');
    expect(out).toBe('- {name: a, flag: "?x", exit: 1, stdout: "out", stderr: "error: \\"x\\"\\n"}');
    expect(fillLine('- {name: b, stdout: "?"}', { exitCode: 0, stdout: 'a\ufffd', stderr: '' })).toBe('- {name: b, stdout: "a\\ufffd"}');
    expect(parse(out)[0]).toEqual({ name: 'a', flag: '?x', exit: 1, stdout: 'out', stderr: 'error: "x"\n' });
  });
  it('writes text YAML reads back exactly: controls, DEL, separators, U+FFFD, lone surrogates, astral characters', () => {
    for (const s of ['\u0001\t\n', '\u007f\u0085', '\u2028\u2029', 'a\ufffdb', '\udcff', '\ud800x', '😀é', '$1 $& \\']) {
      expect(parse(yamlString(s))).toBe(s);
    }
    expect(yamlString('😀')).toBe('"😀"');
  });
  it("writes the simulator's port as {port} after any host, and no other port", () => {
    const port = simulatorPort({ invocation: { env: { HTTP_PROXY: 'http://127.0.0.1:43211', CODER_AGENT_URL: 'http://0.0.0.0:43211' } } });
    expect(port).toBe('43211');
    expect(maskPort('dial tcp 127.0.0.1:43211: refused; http://[::1]:43211/x; 0.0.0.0:432119; 127.0.0.1:12345', port)).toBe(
      'dial tcp 127.0.0.1:{port}: refused; http://[::1]:{port}/x; 0.0.0.0:432119; 127.0.0.1:12345',
    );
    expect(simulatorPort({ invocation: { env: {} } })).toBeUndefined();
    expect(maskPort('127.0.0.1:43211', undefined)).toBe('127.0.0.1:43211');
  });
});
