// gjson path syntax: splitting one component off a path (object and array forms), query `#(…)` parsing,
// pipe splitting, multipath selectors `[…]` / `{…}`, and the helpers that name multipath members.
import { squash, trim, unescape } from './scan.ts';

export interface ObjectPathPart {
  part: string; // the key (escapes removed)
  path: string; // the rest after `.`
  pipe: string; // the rest after `|`
  piped: boolean;
  more: boolean;
  wild: boolean;
}

export interface Query {
  on: boolean;
  all: boolean;
  path: string;
  op: string;
  value: string;
}

export interface ArrayPathPart {
  part: string;
  path: string;
  pipe: string;
  piped: boolean;
  more: boolean;
  alogok: boolean; // `#.key`
  arrch: boolean; // the component contains `#`
  alogkey: string;
  query: Query;
}

/** Names the modifier registry knows (set by modifiers.ts). */
let modifierNames: ReadonlySet<string> = new Set();
export function setModifierNames(names: ReadonlySet<string>): void {
  modifierNames = names;
}
export function isModifierName(name: string): boolean {
  return modifierNames.has(name);
}

/** After a `.`: does the rest start with a built-in modifier, `[` or `{`? Then the dot acts as a pipe. */
export function isDotPiperChar(s: string): boolean {
  const c = s[0];
  if (c === '@') {
    let i = 1;
    while (i < s.length && s[i] !== '.' && s[i] !== '|' && s[i] !== ':') i++;
    return modifierNames.has(s.slice(1, i));
  }
  return c === '[' || c === '{';
}

function splitAfterDot(r: { path: string; pipe: string; piped: boolean; more: boolean }, path: string, i: number, allowPiper: boolean): void {
  if (allowPiper && i < path.length - 1 && isDotPiperChar(path.slice(i + 1))) {
    r.pipe = path.slice(i + 1);
    r.piped = true;
  } else {
    r.path = path.slice(i + 1);
    r.more = true;
  }
}

/** One object-key component: stops at an unescaped `.` or `|`; `\` escapes are removed; `*`/`?` make it a glob. */
export function parseObjectPath(path: string): ObjectPathPart {
  const r: ObjectPathPart = { part: '', path: '', pipe: '', piped: false, more: false, wild: false };
  let part = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '|') {
      r.part = part;
      r.pipe = path.slice(i + 1);
      r.piped = true;
      return r;
    }
    if (c === '.') {
      r.part = part;
      splitAfterDot(r, path, i, true);
      return r;
    }
    if (c === '\\') {
      i++;
      if (i < path.length) part += path[i];
      continue;
    }
    if (c === '*' || c === '?') r.wild = true;
    part += c;
  }
  r.part = part;
  return r;
}

/** gjson parseQuery: `#(path op value)rest` → its parts; ok=false when brackets do not balance. */
export function parseQuery(query: string): { path: string; op: string; value: string; remain: string; end: number; vesc: boolean; ok: boolean } {
  const fail = { path: '', op: '', value: '', remain: '', end: 0, vesc: false, ok: false };
  if (query.length < 2 || query[0] !== '#' || (query[1] !== '(' && query[1] !== '[')) return fail;
  let i = 2;
  let j = 0; // start of the op/value part
  let depth = 1;
  let vesc = false;
  for (; i < query.length; i++) {
    const c = query[i];
    if (depth === 1 && j === 0 && (c === '!' || c === '=' || c === '<' || c === '>' || c === '%')) {
      j = i;
      continue;
    }
    if (c === '\\') i++;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0) break;
    } else if (c === '"') {
      for (i++; i < query.length; i++) {
        if (query[i] === '\\') {
          vesc = true;
          i++;
        } else if (query[i] === '"') break;
      }
    }
  }
  if (depth > 0) return { ...fail, end: i };
  let path: string;
  let op = '';
  let value = '';
  const remain = query.slice(i + 1);
  if (j > 0) {
    path = trim(query.slice(2, j));
    value = trim(query.slice(j, i));
    let trail = 1;
    const two = value.slice(0, 2);
    if (value.length === 1) trail = 1;
    else if (two === '!=' || two === '!%' || two === '<=' || two === '>=') trail = 2;
    else if (two === '==') {
      value = value.slice(1);
      trail = 1;
    } else if ('<>=%'.includes(value[0])) trail = 1;
    else trail = 0; // a lone `!` followed by something else
    op = value.slice(0, trail);
    value = trim(value.slice(trail));
  } else {
    path = trim(query.slice(2, i));
  }
  return { path, op, value, remain, end: i + 1, vesc, ok: true };
}

/** One array component: index, `#`, `#.key`, or a query `#(…)` / `#(…)#`. */
export function parseArrayPath(path: string): ArrayPathPart {
  const r: ArrayPathPart = {
    part: '',
    path: '',
    pipe: '',
    piped: false,
    more: false,
    alogok: false,
    arrch: false,
    alogkey: '',
    query: { on: false, all: false, path: '', op: '', value: '' },
  };
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '|') {
      r.part = path.slice(0, i);
      r.pipe = path.slice(i + 1);
      r.piped = true;
      return r;
    }
    if (c === '.') {
      r.part = path.slice(0, i);
      splitAfterDot(r, path, i, !r.arrch);
      return r;
    }
    if (c === '#') {
      r.arrch = true;
      if (i === 0 && path.length > 1) {
        if (path[1] === '.') {
          r.alogok = true;
          r.alogkey = path.slice(2);
          r.path = path.slice(0, 1);
        } else if (path[1] === '[' || path[1] === '(') {
          r.query.on = true;
          const q = parseQuery(path.slice(i));
          if (!q.ok) break;
          let value = q.value;
          if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
            value = value.slice(1, -1);
            if (q.vesc) value = unescape(value);
          }
          r.query.path = q.path;
          r.query.op = q.op;
          r.query.value = value;
          i = q.end - 1;
          if (i + 1 < path.length && path[i + 1] === '#') r.query.all = true;
        }
      }
    }
  }
  r.part = path;
  r.path = '';
  return r;
}

/** gjson splitPossiblePipe: split `left|right` at the first top-level pipe of a sub-path. */
export function splitPossiblePipe(path: string): { left: string; right: string; ok: boolean } {
  const no = { left: '', right: '', ok: false };
  if (!path.includes('|')) return no;
  if (path[0] === '{') {
    const squashed = squash(path.slice(1));
    if (squashed.length < path.length - 1) {
      const left = path.slice(0, squashed.length + 1);
      const remain = path.slice(left.length);
      if (remain[0] === '|') return { left, right: remain.slice(1), ok: true };
    }
    return no;
  }
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\') i++;
    else if (c === '.') {
      if (i === path.length - 1) return no;
      if (path[i + 1] === '#') {
        i += 2;
        if (i === path.length) return no;
        if (path[i] === '[' || path[i] === '(') {
          const open = path[i];
          const close = open === '[' ? ']' : ')';
          let depth = 1;
          for (i++; i < path.length; i++) {
            if (path[i] === '\\') i++;
            else if (path[i] === open) depth++;
            else if (path[i] === close) {
              depth--;
              if (depth === 0) break;
            } else if (path[i] === '"') {
              for (i++; i < path.length; i++) {
                if (path[i] === '\\') i++;
                else if (path[i] === '"') break;
              }
            }
          }
        }
      }
    } else if (c === '|') return { left: path.slice(0, i), right: path.slice(i + 1), ok: true };
  }
  return no;
}

export interface SubSelector {
  name: string;
  path: string;
}

/** Multipath `[p1,p2]` / `{p1,"n":p2}` at the start of path: the selectors and the rest after the bracket. */
export function parseSubSelectors(path: string): { selectors: SubSelector[]; rest: string; ok: boolean } {
  const selectors: SubSelector[] = [];
  let modifier = 0;
  let depth = 1;
  let colon = 0;
  let start = 1;
  let i = 1;
  const push = (): void => {
    if (colon === 0) selectors.push({ name: '', path: path.slice(start, i) });
    else selectors.push({ name: path.slice(start, colon), path: path.slice(colon + 1, i) });
    colon = 0;
    modifier = 0;
    start = i + 1;
  };
  for (; i < path.length; i++) {
    const c = path[i];
    switch (c) {
      case '\\':
        i++;
        break;
      case '@':
        if (modifier === 0 && i > 0 && (path[i - 1] === '.' || path[i - 1] === '|')) modifier = i;
        break;
      case ':':
        if (modifier === 0 && colon === 0 && depth === 1) colon = i;
        break;
      case ',':
        if (depth === 1) push();
        break;
      case '"':
        for (i++; i < path.length; i++) {
          if (path[i] === '\\') i++;
          else if (path[i] === '"') break;
        }
        break;
      case '[':
      case '(':
      case '{':
        depth++;
        break;
      case ']':
      case ')':
      case '}':
        depth--;
        if (depth === 0) {
          push();
          return { selectors, rest: path.slice(i + 1), ok: true };
        }
        break;
    }
  }
  return { selectors: [], rest: path, ok: false };
}

/** The last component of a path (after the last unescaped `.` or `|`). */
export function nameOfLast(path: string): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i] === '|' || path[i] === '.') {
      if (i > 0 && path[i - 1] === '\\') continue;
      return path.slice(i + 1);
    }
  }
  return path;
}

/** Whether a component can name a multipath member as is. */
export function isSimpleName(component: string): boolean {
  for (let i = 0; i < component.length; i++) {
    if (component.charCodeAt(i) < 0x20) return false;
    if ('[]{}()#|!'.includes(component[i])) return false;
  }
  return true;
}
