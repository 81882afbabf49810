import { describe, expect, it } from 'vitest';
import { parseMediaType } from './index.ts';

describe('mime.ParseMediaType', () => {
  it('lower-cases and trims the media type; parameters and a trailing semicolon are fine', () => {
    expect(parseMediaType('Application/JSON; charset=utf-8')).toEqual({ mediaType: 'application/json' });
    expect(parseMediaType(' application/json ;')).toEqual({ mediaType: 'application/json' });
    expect(parseMediaType('application/json; a="x\\"y"; b=c')).toEqual({ mediaType: 'application/json' });
    expect(parseMediaType('json')).toEqual({ mediaType: 'json' });
    expect(parseMediaType('appl\u0130cation/json')).toEqual({ mediaType: 'application/json' });
    expect(parseMediaType('application/json; a=1; a=1')).toEqual({ mediaType: 'application/json' });
    expect(parseMediaType('application/json; a*0=x; a*0=x')).toEqual({ mediaType: 'application/json' });
  });
  it("returns Go's errors", () => {
    expect(parseMediaType('')).toEqual({ mediaType: '', error: 'mime: no media type' });
    expect(parseMediaType('application json')).toEqual({ mediaType: '', error: 'mime: expected slash after first token' });
    expect(parseMediaType('application/')).toEqual({ mediaType: '', error: 'mime: expected token after slash' });
    expect(parseMediaType('application/json/x')).toEqual({ mediaType: '', error: 'mime: unexpected content after media subtype' });
    expect(parseMediaType('Application/JSON; charset=utf-8;;')).toEqual({ mediaType: 'application/json', error: 'mime: invalid media parameter' });
    expect(parseMediaType('application/json; charset')).toEqual({ mediaType: 'application/json', error: 'mime: invalid media parameter' });
    expect(parseMediaType('application/json; a="unterminated')).toEqual({ mediaType: 'application/json', error: 'mime: invalid media parameter' });
    expect(parseMediaType('application/json; a=1; A=2')).toEqual({ mediaType: '', error: 'mime: duplicate parameter name' });
  });
});

describe('regressions found by the Go oracle', () => {
  it('DEL (0x7f) is a control character, not a token character', () => {
    expect(parseMediaType('\u007fjson')).toEqual({ mediaType: '', error: 'mime: no media type' });
    expect(parseMediaType('application/json\u007f')).toEqual({ mediaType: '', error: 'mime: unexpected content after media subtype' });
    expect(parseMediaType('a/b; c=d\u007f').error).toBe('mime: invalid media parameter');
  });
});
