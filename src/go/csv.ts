// Go encoding/csv Reader.Read with the default settings (Comma ',', no comments, no LazyQuotes, no
// TrimLeadingSpace): the first record of the text, or Go's error — `EOF` when there is no record (only
// empty lines), and ParseError texts with 1-based line and byte column: `parse error on line 1, column 2:
// bare " in non-quoted-field`, `…: extraneous or missing " in quoted-field`, and `record on line 1; parse
// error on line 2, column 4: …` when a quoted field spans lines. (serpent's StringArray reads flag and env
// values with it: --header, CODER_HEADER.)
import { utf8DecodeLossy, utf8Encode } from './utf8.ts';

export type CSVResult = { ok: true; record: string[] } | { ok: false; error: string; record: string[] };

const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;

const ERR_BARE_QUOTE = 'bare " in non-quoted-field';
const ERR_QUOTE = 'extraneous or missing " in quoted-field';

function indexOf(b: Uint8Array, c: number, from = 0): number {
  for (let i = from; i < b.length; i++) if (b[i] === c) return i;
  return -1;
}

/** Go csv.Reader.Read on `text` (one record). */
export function csvReadRecord(text: string): CSVResult {
  const src = utf8Encode(text);
  let off = 0;
  let numLine = 0;
  /** readLine: up to and including '\n'; at EOF a trailing '\r' is dropped; "\r\n" becomes "\n". */
  const readLine = (): { line: Uint8Array; eof: boolean } => {
    if (off >= src.length) {
      numLine++;
      return { line: new Uint8Array(0), eof: true };
    }
    const nl = indexOf(src, NL, off);
    let line: Uint8Array;
    if (nl < 0) {
      line = src.slice(off);
      off = src.length;
      if (line[line.length - 1] === CR) line = line.slice(0, -1);
    } else {
      line = src.slice(off, nl + 1);
      off = nl + 1;
    }
    numLine++;
    const n = line.length;
    if (n >= 2 && line[n - 2] === CR && line[n - 1] === NL) line = Uint8Array.of(...line.subarray(0, n - 2), NL);
    return { line, eof: false };
  };
  const lengthNL = (b: Uint8Array) => (b.length > 0 && b[b.length - 1] === NL ? 1 : 0);

  let line: Uint8Array = new Uint8Array(0);
  let eof = false;
  for (;;) {
    ({ line, eof } = readLine());
    if (!eof && line.length === lengthNL(line)) continue; // empty line
    break;
  }
  if (eof) return { ok: false, error: 'EOF', record: [] };

  const fields: number[][] = [];
  let error: string | undefined;
  const recLine = numLine;
  const pos = { line: numLine, col: 1 };
  // A quoted field at the start of line (no loop labels: Stryker's instrumentation breaks them).
  // 'next' when a comma follows it, 'end' when the record ends with it or an error stops it.
  const quotedField = (): 'next' | 'end' => {
    const field: number[] = [];
    line = line.subarray(1);
    pos.col += 1;
    for (;;) {
      const i = indexOf(line, QUOTE);
      if (i >= 0) {
        field.push(...line.subarray(0, i));
        line = line.subarray(i + 1);
        pos.col += i + 1;
        const next = line[0];
        if (next === QUOTE) {
          field.push(QUOTE);
          line = line.subarray(1);
          pos.col += 1;
        } else if (next === COMMA) {
          line = line.subarray(1);
          pos.col += 1;
          fields.push(field);
          return 'next';
        } else if (lengthNL(line) === line.length) {
          fields.push(field);
          return 'end';
        } else {
          error = parseError(recLine, numLine, pos.col - 1, ERR_QUOTE);
          return 'end';
        }
      } else if (line.length > 0) {
        field.push(...line);
        pos.col += line.length;
        ({ line } = readLine());
        if (line.length > 0) {
          pos.line++;
          pos.col = 1;
        }
      } else {
        // The text ended inside the quotes (Go resets the reader's EOF above, so this is always an error).
        error = parseError(recLine, pos.line, pos.col, ERR_QUOTE);
        return 'end';
      }
    }
  };
  for (;;) {
    if (line.length === 0 || line[0] !== QUOTE) {
      const i = indexOf(line, COMMA);
      const field = i >= 0 ? line.subarray(0, i) : line.subarray(0, line.length - lengthNL(line));
      const j = indexOf(field, QUOTE);
      if (j >= 0) {
        error = parseError(recLine, numLine, pos.col + j, ERR_BARE_QUOTE);
        break;
      }
      fields.push([...field]);
      if (i >= 0) {
        line = line.subarray(i + 1);
        pos.col += i + 1;
        continue;
      }
      break;
    }
    if (quotedField() === 'end') break;
  }
  const record = fields.map((f) => utf8DecodeLossy(Uint8Array.from(f)));
  return error === undefined ? { ok: true, record } : { ok: false, error, record };
}

function parseError(startLine: number, line: number, column: number, err: string): string {
  if (startLine !== line) return `record on line ${startLine}; parse error on line ${line}, column ${column}: ${err}`;
  return `parse error on line ${line}, column ${column}: ${err}`;
}
