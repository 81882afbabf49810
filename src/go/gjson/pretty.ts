// tidwall/pretty as gjson's @pretty / @ugly use it: Pretty (2-space indent, `"key": value`, arrays that fit
// in the width stay on one line as `[1, 2]`, optional key sorting, prefix) and Ugly (white space removed).
import { compareUTF8 } from '../utf8.ts';
import { gjsonParse } from './result.ts';
import { unescape } from './scan.ts';

export interface PrettyOptions {
  width: number;
  prefix: string;
  indent: string;
  sortKeys: boolean;
}

export const defaultPrettyOptions: PrettyOptions = { width: 80, prefix: '', indent: '  ', sortKeys: false };

/** Ugly: every byte <= ' ' outside strings removed. */
export function ugly(json: string): string {
  let out = '';
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      const s = i;
      for (i++; i < json.length; i++) {
        if (json[i] === '\\') i++;
        else if (json[i] === '"') break;
      }
      out += json.slice(s, i + 1);
      continue;
    }
    if (json.charCodeAt(i) > 0x20) out += c;
  }
  return out;
}

class Writer {
  buf = '';
  nl = 0; // index in buf just after the last newline
}

function appendTabs(w: Writer, o: PrettyOptions, tabs: number): void {
  w.buf += o.prefix + o.indent.repeat(tabs);
}

function newline(w: Writer): void {
  if (w.buf.endsWith(' ')) w.buf = w.buf.slice(0, -1);
  w.buf += '\n';
  w.nl = w.buf.length;
}

/** Copy a string token starting at json[i]; returns the index after it. */
function appendString(w: Writer, json: string, i: number): number {
  const s = i;
  for (i++; i < json.length; i++) {
    if (json[i] === '\\') i++;
    else if (json[i] === '"') {
      i++;
      break;
    }
  }
  w.buf += json.slice(s, Math.min(i, json.length));
  return i;
}

/** Returns [next index, ok]; ok=false means a single-line attempt failed (an object was met or width exceeded). */
function appendAny(w: Writer, json: string, i: number, pretty: boolean, o: PrettyOptions, tabs: number, max: number): [number, boolean] {
  for (; i < json.length; i++) {
    const c = json[i];
    if (json.charCodeAt(i) <= 0x20) continue;
    if (c === '"') return [appendString(w, json, i), true];
    if (c === '{' || c === '[') return appendContainer(w, json, i + 1, c, c === '{' ? '}' : ']', pretty, o, tabs, max);
    if (c === '-' || c === '+' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      const s = i;
      for (i++; i < json.length; i++) {
        const d = json[i];
        if (d === ']' || d === '}' || d === ',' || json.charCodeAt(i) <= 0x20 || d === ':') break;
      }
      w.buf += json.slice(s, i);
      return [i, true];
    }
  }
  return [i, true];
}

interface Member {
  key: string;
  start: number; // index in buf where the member's newline starts
  end: number; // index in buf after its value
  valueStart: number;
}

const typeRank: Record<string, number> = { Null: 0, False: 1, Number: 2, String: 3, True: 4, JSON: 5 };

/** Order of two member values with equal keys: by type (null < false < number < string < true < JSON), then value. */
function compareValues(a: string, b: string): number {
  const x = gjsonParse(a);
  const y = gjsonParse(b);
  if (x.type !== y.type) return typeRank[x.type] - typeRank[y.type];
  if (x.type === 'Number') return x.num - y.num;
  if (x.type === 'String') return compareUTF8(x.str, y.str);
  return compareUTF8(x.raw, y.raw);
}

function appendContainer(w: Writer, json: string, i: number, open: string, close: string, pretty: boolean, o: PrettyOptions, tabs: number, max: number): [number, boolean] {
  if (o.width > 0) {
    if (pretty && open === '[' && max === -1) {
      const room = o.width - (w.buf.length - w.nl);
      if (room > 3) {
        const saved = { buf: w.buf, nl: w.nl };
        const [end, ok] = appendContainer(w, json, i, '[', ']', false, { ...o, indent: '' }, 0, room);
        if (ok && w.buf.length - saved.buf.length <= room) return [end, true];
        w.buf = saved.buf;
        w.nl = saved.nl;
      }
    } else if (max !== -1 && open === '{') {
      return [i, false];
    }
  }
  w.buf += open;
  let n = 0;
  const sorting = pretty && open === '{' && o.sortKeys;
  const members: Member[] = [];
  for (; i < json.length; i++) {
    const c = json[i];
    if (c === close) {
      if (pretty) {
        if (sorting && members.length > 1) {
          const head = w.buf.slice(0, members[0].start);
          const texts = members.map((m) => ({ key: m.key, text: w.buf.slice(m.start, m.end), value: w.buf.slice(m.valueStart, m.end) }));
          texts.sort((a, b) => compareUTF8(a.key, b.key) || compareValues(a.value, b.value));
          w.buf = head + texts.map((t) => t.text).join(',');
        }
        if (n > 0) newline(w);
        if (!w.buf.endsWith(open)) appendTabs(w, o, tabs);
      }
      w.buf += close;
      return [i + 1, open !== '{'];
    }
    if (open === '[' || c === '"') {
      if (n > 0) {
        w.buf += ',';
        if (o.width !== -1 && open === '[') w.buf += ' ';
      }
      const start = w.buf.length;
      if (pretty) {
        newline(w);
        appendTabs(w, o, tabs + 1);
      }
      let key = '';
      if (open === '{') {
        const ks = i;
        i = appendString(w, json, i);
        key = unescape(json.slice(ks + 1, i - 1));
        w.buf += ':';
        if (pretty) w.buf += ' ';
        while (i < json.length && (json.charCodeAt(i) <= 0x20 || json[i] === ':')) i++;
      }
      const valueStart = w.buf.length;
      const [end, ok] = appendAny(w, json, i, pretty, o, tabs + 1, max);
      if (max !== -1 && !ok) return [end, false];
      // a trailing ' ' turned into the newline belongs to this member's start
      members.push({ key, start: Math.min(start, w.buf.length), end: w.buf.length, valueStart });
      i = end - 1;
      n++;
    }
  }
  return [i, open !== '{'];
}

/** tidwall/pretty PrettyOptions: the re-indented JSON followed by a newline. */
export function pretty(json: string, opts: PrettyOptions = defaultPrettyOptions): string {
  const w = new Writer();
  w.buf = opts.prefix;
  appendAny(w, json, 0, true, opts, 0, -1);
  if (w.buf.length > 0) w.buf += '\n';
  return w.buf;
}
