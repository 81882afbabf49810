// Property and example tests of the hand-written help pieces: go-wordwrap-style wrapping, the
// newline limiter, FormatExamples, and the renderer's width handling.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSpace } from '../../go/index.ts';
import { limitNewlines } from './limiter.ts';
import { indentWrapped, wrapString } from './wrap.ts';
import { formatExamples } from './examples.ts';
import { renderHelp } from './render.ts';
import { buildTree } from '../serpent/tree.ts';

const word = fc.stringMatching(/^[a-zA-Z0-9.,:()"'$#-]{1,14}$/);
const text = fc.array(fc.tuple(word, fc.constantFrom(' ', ' ', '   ', '\n', ' \n')), { maxLength: 60 }).map((xs) =>
  xs
    .map(([w, s]) => w + s)
    .join('')
    .trimEnd(),
);

describe('wrapString (go-wordwrap)', () => {
  it('no line is longer than the limit unless it is a single word (limit ≥ 2)', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 80 }), (s, lim) => {
        for (const line of wrapString(s, lim).split('\n')) {
          if ([...line].length > lim) expect(line.trim().split(' ')).toHaveLength(1);
        }
      }),
    );
  });

  it('keeps the words in order (only spaces at breaks change)', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 80 }), (s, lim) => {
        expect(wrapString(s, lim).split(/\s+/).filter(Boolean)).toEqual(s.split(/\s+/).filter(Boolean));
      }),
    );
  });

  it('breaks exactly like go-wordwrap on examples', () => {
    expect(wrapString('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrapString('aaa bbbbbbbbbb c', 5)).toBe('aaa\nbbbbbbbbbb\nc');
    expect(wrapString('a  b', 80)).toBe('a  b');
    expect(wrapString('  - x', 80)).toBe('  - x');
    expect(wrapString('abc      ', 5)).toBe('abc');
    expect(wrapString('abc      \nx', 5)).toBe('abc\nx');
    expect(wrapString('abc \nx', 5)).toBe('abc \nx');
    expect(wrapString('a\u00a0b c', 3)).toBe('a\u00a0b\nc');
    // go-wordwrap only breaks before words shorter than the limit: with limit 1 nothing ever breaks.
    expect(wrapString(', -', 1)).toBe(', -');
  });

  it('indentWrapped wraps to width−indent and ends every line with \\n', () => {
    expect(indentWrapped('aaa bbb', 2, 7)).toBe('  aaa\n  bbb\n');
    expect(indentWrapped('x\n\ny\n', 2, 80)).toBe('  x\n  \n  y\n');
  });
});

/** The limiter as upstream's newlineLimiter writes it, one character at a time: the model of limitNewlines. */
function limitNewlinesModel(s: string, limit: number): string {
  let out = '';
  let count = 0;
  for (const ch of s) {
    if (ch === '\n') {
      count++;
      if (count > limit) continue;
    } else if (!isSpace(ch.codePointAt(0) ?? 0)) {
      count = 0;
    }
    out += ch;
  }
  return out;
}

describe('limitNewlines', () => {
  it('equals the one-character-at-a-time model for any text and limit (every Go space, lone surrogates)', () => {
    const ch = fc.constantFrom('\n', '\n', ' ', '\t', '\r', '\v', '\f', '\u0085', '\u00a0', '\u2028', '\u3000', '\u200b', 'a', '\ud800', '😀');
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 40 }).map((xs) => xs.join('')),
        fc.integer({ min: 0, max: 4 }),
        (s, limit) => {
          expect(limitNewlines(s, limit)).toBe(limitNewlinesModel(s, limit));
        },
      ),
    );
  });

  it('never emits 3 consecutive newlines (spaces between do not count as content)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ \na\t]{0,40}$/), (s) => {
        expect(/\n[ \t]*\n[ \t]*\n/.test(limitNewlines(s))).toBe(false);
      }),
    );
  });

  it('only drops newlines: removing all \\n gives the same text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(limitNewlines(s).replaceAll('\n', '')).toBe(s.replaceAll('\n', ''));
      }),
    );
  });

  it('merges an indented blank line into the next line (the 6-space quirk)', () => {
    expect(limitNewlines('  fi\n  \n  \n    - Obtain')).toBe('  fi\n  \n      - Obtain');
    expect(limitNewlines('a\n\n\n\nb')).toBe('a\n\nb');
  });
});

describe('formatExamples and the renderer', () => {
  it('formats examples like coder FormatExamples without a TTY', () => {
    expect(
      formatExamples([
        { description: 'D1', command: 'c1' },
        { description: '', command: 'c2' },
      ]),
    ).toBe('  - D1:\n\n     $ c1\n\n $ c2');
  });

  it('pads a subcommand name to the longest sibling name + 4 (real v2.30.0/v2.35.3/v2.36.0 builds)', () => {
    // Regression: the padding was +2 ("access-token  Print…"); the case help/external-auth caught it on real builds.
    const group = buildTree('pr24325', async () => undefined).children[0];
    expect(renderHelp(group)).toContain('\nSUBCOMMANDS:\n    access-token    Print auth for an external provider\n');
  });

  it('wraps to the terminal width when one is given', () => {
    const at = buildTree('pr24325', async () => undefined).children[0].children[0];
    const narrow = renderHelp(at, 40);
    // Long text wraps at width−2 and option descriptions at width−10; option lines themselves never wrap.
    expect(narrow).toContain('\n  Print an access-token for an external\n  auth provider. The access-token will\n  be validated');
    expect(narrow).toContain(
      '\n      --agent-name string, $CODER_AGENT_NAME\n          The name of the agent to\n          authenticate as (only\n          applicable for instance\n          identity).\n',
    );
  });
});
