// A byte-level JSON scanner with the same states and error texts as Go's encoding/json scanner.
// Used to validate input and find the end of the first value exactly where Go does.
import { quote } from '../quote.ts';

export const enum Scan {
  Continue,
  BeginLiteral,
  BeginObject,
  ObjectKey,
  ObjectValue,
  EndObject,
  BeginArray,
  ArrayValue,
  EndArray,
  SkipSpace,
  End,
  Error,
}

const enum Parse {
  ObjectKey,
  ObjectValue,
  ArrayValue,
}

type Step = (s: Scanner, c: number) => Scan;

export function isJSONSpace(c: number): boolean {
  return c <= 0x20 && (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a);
}

/** Go encoding/json quoteChar: a byte shown in single quotes (the byte read as a Latin-1 rune, then %q-escaped). */
export function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return `'"'`;
  const q = quote(String.fromCharCode(c));
  return "'" + q.slice(1, -1) + "'";
}

export class Scanner {
  step: Step = stateBeginValue;
  parseState: Parse[] = [];
  err: string | null = null;
  endTop = false;

  reset(): void {
    this.step = stateBeginValue;
    this.parseState = [];
    this.err = null;
    this.endTop = false;
  }

  /** Go scanner.eof(): called when input ends; returns End or Error (with err set). */
  eof(): Scan {
    if (this.err !== null) return Scan.Error;
    if (this.endTop) return Scan.End;
    this.step(this, 0x20);
    if (this.endTop) return Scan.End;
    if (this.err === null) this.err = 'unexpected end of JSON input';
    return Scan.Error;
  }

  error(c: number, context: string): Scan {
    this.step = stateError;
    this.err = 'invalid character ' + quoteChar(c) + ' ' + context;
    return Scan.Error;
  }

  pushParseState(c: number, newState: Parse, success: Scan): Scan {
    this.parseState.push(newState);
    if (this.parseState.length <= 10000) return success;
    return this.error(c, 'exceeded max depth');
  }

  popParseState(): void {
    this.parseState.pop();
    if (this.parseState.length === 0) {
      this.step = stateEndTop;
      this.endTop = true;
    } else {
      this.step = stateEndValue;
    }
  }
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

function stateBeginValueOrEmpty(s: Scanner, c: number): Scan {
  if (isJSONSpace(c)) return Scan.SkipSpace;
  if (c === 0x5d) return stateEndValue(s, c);
  return stateBeginValue(s, c);
}

function stateBeginValue(s: Scanner, c: number): Scan {
  if (isJSONSpace(c)) return Scan.SkipSpace;
  switch (c) {
    case 0x7b: // {
      s.step = stateBeginStringOrEmpty;
      return s.pushParseState(c, Parse.ObjectKey, Scan.BeginObject);
    case 0x5b: // [
      s.step = stateBeginValueOrEmpty;
      return s.pushParseState(c, Parse.ArrayValue, Scan.BeginArray);
    case 0x22:
      s.step = stateInString;
      return Scan.BeginLiteral;
    case 0x2d:
      s.step = stateNeg;
      return Scan.BeginLiteral;
    case 0x30:
      s.step = state0;
      return Scan.BeginLiteral;
    case 0x74: // t
      s.step = literal('true', 1);
      return Scan.BeginLiteral;
    case 0x66: // f
      s.step = literal('false', 1);
      return Scan.BeginLiteral;
    case 0x6e: // n
      s.step = literal('null', 1);
      return Scan.BeginLiteral;
  }
  if (c >= 0x31 && c <= 0x39) {
    s.step = state1;
    return Scan.BeginLiteral;
  }
  return s.error(c, 'looking for beginning of value');
}

function stateBeginStringOrEmpty(s: Scanner, c: number): Scan {
  if (isJSONSpace(c)) return Scan.SkipSpace;
  if (c === 0x7d) {
    s.parseState[s.parseState.length - 1] = Parse.ObjectValue;
    return stateEndValue(s, c);
  }
  return stateBeginString(s, c);
}

function stateBeginString(s: Scanner, c: number): Scan {
  if (isJSONSpace(c)) return Scan.SkipSpace;
  if (c === 0x22) {
    s.step = stateInString;
    return Scan.BeginLiteral;
  }
  return s.error(c, 'looking for beginning of object key string');
}

function stateEndValue(s: Scanner, c: number): Scan {
  const n = s.parseState.length;
  if (n === 0) {
    s.step = stateEndTop;
    s.endTop = true;
    return stateEndTop(s, c);
  }
  if (isJSONSpace(c)) {
    s.step = stateEndValue;
    return Scan.SkipSpace;
  }
  switch (s.parseState[n - 1]) {
    case Parse.ObjectKey:
      if (c === 0x3a) {
        s.parseState[n - 1] = Parse.ObjectValue;
        s.step = stateBeginValue;
        return Scan.ObjectKey;
      }
      return s.error(c, 'after object key');
    case Parse.ObjectValue:
      if (c === 0x2c) {
        s.parseState[n - 1] = Parse.ObjectKey;
        s.step = stateBeginString;
        return Scan.ObjectValue;
      }
      if (c === 0x7d) {
        s.popParseState();
        return Scan.EndObject;
      }
      return s.error(c, 'after object key:value pair');
    case Parse.ArrayValue:
      if (c === 0x2c) {
        s.step = stateBeginValue;
        return Scan.ArrayValue;
      }
      if (c === 0x5d) {
        s.popParseState();
        return Scan.EndArray;
      }
      return s.error(c, 'after array element');
  }
}

function stateEndTop(s: Scanner, c: number): Scan {
  if (!isJSONSpace(c)) s.error(c, 'after top-level value');
  return Scan.End;
}

function stateInString(s: Scanner, c: number): Scan {
  if (c === 0x22) {
    s.step = stateEndValue;
    return Scan.Continue;
  }
  if (c === 0x5c) {
    s.step = stateInStringEsc;
    return Scan.Continue;
  }
  if (c < 0x20) return s.error(c, 'in string literal');
  return Scan.Continue;
}

/**
 * Where the plain bytes of a string literal end, from `i` (the scanner inside a string): stepping
 * over them one call each is what made multi-megabyte bodies slow. Each would be Scan.Continue
 * with no state change, so the caller may resume stepping at the returned index.
 */
export function skipStringBytes(s: Scanner, b: Uint8Array, i: number): number {
  if (s.step !== stateInString) return i;
  // One forward pass to the first quote, backslash or control byte: linear however many escapes the
  // string holds (a search to the closing quote before each escape was quadratic in escapes).
  while (i < b.length) {
    const c = b[i];
    if (c === 0x22 || c === 0x5c || c < 0x20) break;
    i++;
  }
  return i;
}

function stateInStringEsc(s: Scanner, c: number): Scan {
  switch (c) {
    case 0x62:
    case 0x66:
    case 0x6e:
    case 0x72:
    case 0x74:
    case 0x5c:
    case 0x2f:
    case 0x22:
      s.step = stateInString;
      return Scan.Continue;
    case 0x75:
      s.step = escU(0);
      return Scan.Continue;
  }
  return s.error(c, 'in string escape code');
}

const escUSteps: Step[] = [];
function escU(done: number): Step {
  if (escUSteps[done]) return escUSteps[done];
  const step: Step = (s, c) => {
    if (isHex(c)) {
      s.step = done === 3 ? stateInString : escU(done + 1);
      return Scan.Continue;
    }
    return s.error(c, 'in \\u hexadecimal character escape');
  };
  escUSteps[done] = step;
  return step;
}

function stateNeg(s: Scanner, c: number): Scan {
  if (c === 0x30) {
    s.step = state0;
    return Scan.Continue;
  }
  if (c >= 0x31 && c <= 0x39) {
    s.step = state1;
    return Scan.Continue;
  }
  return s.error(c, 'in numeric literal');
}

function state1(s: Scanner, c: number): Scan {
  if (isDigit(c)) {
    s.step = state1;
    return Scan.Continue;
  }
  return state0(s, c);
}

function state0(s: Scanner, c: number): Scan {
  if (c === 0x2e) {
    s.step = stateDot;
    return Scan.Continue;
  }
  if (c === 0x65 || c === 0x45) {
    s.step = stateE;
    return Scan.Continue;
  }
  return stateEndValue(s, c);
}

function stateDot(s: Scanner, c: number): Scan {
  if (isDigit(c)) {
    s.step = stateDot0;
    return Scan.Continue;
  }
  return s.error(c, 'after decimal point in numeric literal');
}

function stateDot0(s: Scanner, c: number): Scan {
  if (isDigit(c)) return Scan.Continue;
  if (c === 0x65 || c === 0x45) {
    s.step = stateE;
    return Scan.Continue;
  }
  return stateEndValue(s, c);
}

function stateE(s: Scanner, c: number): Scan {
  if (c === 0x2b || c === 0x2d) {
    s.step = stateESign;
    return Scan.Continue;
  }
  return stateESign(s, c);
}

function stateESign(s: Scanner, c: number): Scan {
  if (isDigit(c)) {
    s.step = stateE0;
    return Scan.Continue;
  }
  return s.error(c, 'in exponent of numeric literal');
}

function stateE0(s: Scanner, c: number): Scan {
  if (isDigit(c)) return Scan.Continue;
  return stateEndValue(s, c);
}

const literalSteps = new Map<string, Step>();
/** States for the rest of `true` / `false` / `null` after `pos` bytes were read. */
function literal(word: string, pos: number): Step {
  const key = word + pos;
  const cached = literalSteps.get(key);
  if (cached) return cached;
  const want = word.charCodeAt(pos);
  const step: Step = (s, c) => {
    if (c === want) {
      s.step = pos + 1 === word.length ? stateEndValue : literal(word, pos + 1);
      return Scan.Continue;
    }
    return s.error(c, `in literal ${word} (expecting ${quoteChar(want)})`);
  };
  literalSteps.set(key, step);
  return step;
}

function stateError(): Scan {
  return Scan.Error;
}
