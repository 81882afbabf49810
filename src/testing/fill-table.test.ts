// scripts/fill-table.mjs (`npm run fill-table`): a row's "?" replaced by what a build printed, written so
// that the generated case reads back the exact text.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fillLine, maskPorts, yamlString } from '../../scripts/fill-table.mjs';

describe('fill-table', () => {
  it('replaces each "?" of exit, stdout and stderr, and nothing else', () => {
    const line = '- {name: a, flag: "?x", exit: "?", stdout: "?", stderr: "?"}';
    const out = fillLine(line, { exitCode: 1, stdout: 'out', stderr: 'error: "x"\n' });
    expect(out).toBe('- {name: a, flag: "?x", exit: 1, stdout: "out", stderr: "error: \\"x\\"\\n"}');
    expect(parse(out)[0]).toEqual({ name: 'a', flag: '?x', exit: 1, stdout: 'out', stderr: 'error: "x"\n' });
  });
  it('writes text YAML reads back exactly: controls, DEL, separators, U+FFFD, lone surrogates, astral characters', () => {
    for (const s of ['\u0001\t\n', '\u007f\u0085', '\u2028\u2029', 'a\ufffdb', '\udcff', '\ud800x', '😀é', '$1 $& \\']) {
      expect(parse(yamlString(s))).toBe(s);
    }
    expect(yamlString('😀')).toBe('"😀"');
  });
  it('writes a simulator port as {port}, after 127.0.0.1, localhost and an IPv6 literal', () => {
    expect(maskPorts('dial tcp 127.0.0.1:43211: refused; http://[::1]:38001/x; localhost:65000')).toBe(
      'dial tcp 127.0.0.1:{port}: refused; http://[::1]:{port}/x; localhost:{port}',
    );
    expect(maskPorts('127.0.0.1:9 and 127.0.0.1:8080')).toBe('127.0.0.1:9 and 127.0.0.1:8080');
  });
});
