// gjson modifiers (@this @reverse @ugly @pretty @valid @flatten @join @keys @values @tostr @fromstr
// @group @dig), their argument parsing, `!` literals, and Valid().
import { setModifierNames } from './path.ts';
import { pretty, ugly, defaultPrettyOptions, type PrettyOptions } from './pretty.ts';
import { type GjsonResult, gjsonParse } from './result.ts';
import { appendJSONString, parseSquash, squash, trim } from './scan.ts';
import { runRecursion, type Recursion } from './trampoline.ts';

type Modifier = (json: string, arg: string) => string;

/** gjson Valid: strict JSON syntax (JSON.parse agrees with gjson's validator on every input a JS string can hold). */
export function gjsonValid(json: string): boolean {
  try {
    JSON.parse(json);
    return true;
  } catch {
    return false;
  }
}

/** Only the white-space characters of s are kept (gjson cleanWS for indent/prefix options). */
function cleanWS(s: string): string {
  return s.replace(/[^ \t\n\r]/g, '');
}

function unwrap(json: string): string {
  json = trim(json);
  if (json.length >= 2 && (json[0] === '[' || json[0] === '{')) json = json.slice(1, -1);
  return json;
}

function optionBool(arg: string, name: string): boolean {
  let v = false;
  if (arg !== '') {
    gjsonParse(arg).forEach((k, val) => {
      if (k.string() === name) v = val.bool();
    });
  }
  return v;
}

const modPretty: Modifier = (json, arg) => {
  if (arg.length === 0) return pretty(json);
  const o: PrettyOptions = { ...defaultPrettyOptions };
  gjsonParse(arg).forEach((k, v) => {
    switch (k.string()) {
      case 'sortKeys':
        o.sortKeys = v.bool();
        break;
      case 'indent':
        o.indent = cleanWS(v.string());
        break;
      case 'prefix':
        o.prefix = cleanWS(v.string());
        break;
      case 'width':
        o.width = v.int();
        break;
    }
  });
  return pretty(json, o);
};

const modReverse: Modifier = (json) => {
  const res = gjsonParse(json);
  if (res.isArray()) {
    const values: string[] = [];
    res.forEach((_, v) => {
      values.push(v.raw);
    });
    return '[' + values.reverse().join(',') + ']';
  }
  if (res.isObject()) {
    const members: string[] = [];
    res.forEach((k, v) => {
      members.push(k.raw + ':' + v.raw);
    });
    return '{' + members.reverse().join(',') + '}';
  }
  return json;
};

// @flatten:{"deep":true} and @dig recurse once per level of nesting: generators run by runRecursion
// (each `yield` a recursive call), so that JSON nested thousands deep does not overflow V8's stack.
function* flatten(json: string, arg: string): Recursion<string> {
  const res = gjsonParse(json);
  if (!res.isArray()) return json;
  const deep = optionBool(arg, 'deep');
  const values: GjsonResult[] = [];
  res.forEach((_, v) => {
    values.push(v);
  });
  const out: string[] = [];
  for (const v of values) {
    let raw = v.isArray() ? unwrap(deep ? yield flatten(v.raw, arg) : v.raw) : v.raw;
    raw = raw.trim();
    if (raw.length > 0) out.push(raw);
  }
  return '[' + out.join(',') + ']';
}

const modFlatten: Modifier = (json, arg) => runRecursion(flatten(json, arg));

const modKeys: Modifier = (json) => {
  const v = gjsonParse(json);
  if (!v.exists) return '[]';
  const obj = v.isObject();
  const out: string[] = [];
  v.forEach((k) => {
    out.push(obj ? k.raw : 'null');
  });
  return '[' + out.join(',') + ']';
};

const modValues: Modifier = (json) => {
  const v = gjsonParse(json);
  if (!v.exists) return '[]';
  if (v.isArray()) return json;
  const out: string[] = [];
  v.forEach((_, val) => {
    out.push(val.raw);
  });
  return '[' + out.join(',') + ']';
};

const modJoin: Modifier = (json, arg) => {
  const res = gjsonParse(json);
  if (!res.isArray()) return json;
  const preserve = optionBool(arg, 'preserve');
  if (preserve) {
    const out: string[] = [];
    res.forEach((_, v) => {
      if (v.isObject()) out.push(unwrap(v.raw));
    });
    return '{' + out.join(',') + '}';
  }
  const keys: GjsonResult[] = [];
  const vals = new Map<string, GjsonResult>();
  res.forEach((_, v) => {
    if (!v.isObject()) return;
    v.forEach((k, val) => {
      const name = k.string();
      if (!vals.has(name)) keys.push(k);
      vals.set(name, val);
    });
  });
  return '{' + keys.map((k) => k.raw + ':' + vals.get(k.string())!.raw).join(',') + '}';
};

const modGroup: Modifier = (json) => {
  const res = gjsonParse(json);
  if (!res.isObject()) return '';
  const all: string[][] = [];
  res.forEach((k, v) => {
    if (!v.isArray()) return;
    let idx = 0;
    v.forEach((_, el) => {
      if (idx === all.length) all.push([]);
      all[idx].push(k.raw + ':' + el.raw);
      idx++;
    });
  });
  return '[' + all.map((members) => '{' + members.join(',') + '}').join(',') + ']';
};

function* digAll(all: GjsonResult[], parent: GjsonResult, path: string): Recursion<void> {
  const res = parent.get(path);
  if (res.exists) all.push(res);
  if (parent.isArray() || parent.isObject()) {
    const values: GjsonResult[] = [];
    parent.forEach((_, v) => {
      values.push(v);
    });
    for (const v of values) yield digAll(all, v, path);
  }
}

const modDig: Modifier = (json, arg) => {
  const all: GjsonResult[] = [];
  runRecursion(digAll(all, gjsonParse(json), arg));
  return '[' + all.map((r) => r.raw).join(',') + ']';
};

const modifiers = new Map<string, Modifier>([
  ['pretty', modPretty],
  ['ugly', (json) => ugly(json)],
  ['reverse', modReverse],
  ['this', (json) => json],
  ['flatten', modFlatten],
  ['join', modJoin],
  ['valid', (json) => (gjsonValid(json) ? json : '')],
  ['keys', modKeys],
  ['values', modValues],
  ['tostr', (json) => appendJSONString(json)],
  ['fromstr', (json) => (gjsonValid(json) ? gjsonParse(json).string() : '')],
  ['group', modGroup],
  ['dig', modDig],
]);
setModifierNames(new Set(modifiers.keys()));

export interface ExecResult {
  pathOut: string;
  json: string;
  ok: boolean;
}

/** Run the modifier at the start of path (`@name`, `@name:arg`); ok=false when name is not built in. */
export function execModifier(json: string, path: string): ExecResult {
  let name = path.slice(1);
  let pathOut = '';
  let hasArgs = false;
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if (c === ':') {
      pathOut = path.slice(i + 1);
      name = path.slice(1, i);
      hasArgs = pathOut.length > 0;
      break;
    }
    if (c === '|' || c === '.') {
      pathOut = path.slice(i);
      name = path.slice(1, i);
      break;
    }
  }
  const fn = modifiers.get(name);
  if (!fn) return { pathOut, json: '', ok: false };
  let args = '';
  if (hasArgs) {
    let parsed = false;
    if ('{["'.includes(pathOut[0]) && gjsonParse(pathOut).exists) {
      args = squash(pathOut);
      pathOut = pathOut.slice(args.length);
      parsed = true;
    }
    if (!parsed) {
      let i = 0;
      for (; i < pathOut.length; i++) {
        if (pathOut[i] === '|') break;
        if ('{["('.includes(pathOut[i])) i += squash(pathOut.slice(i)).length - 1;
      }
      args = pathOut.slice(0, i);
      pathOut = pathOut.slice(i);
    }
  }
  return { pathOut, json: fn(json, args), ok: true };
}

/** A `!` literal at the start of path: `!true` `!false` `!null` `!nan` `!inf` (any case) or `!` + JSON. */
export function execStatic(path: string): ExecResult {
  let name = path.slice(1);
  if (name.length > 0 && '{["+-0123456789'.includes(name[0])) {
    const json = parseSquash(name);
    return { pathOut: name.slice(json.length), json, ok: true };
  }
  let pathOut = '';
  for (let i = 1; i < path.length; i++) {
    if (path[i] === '|' || path[i] === '.') {
      pathOut = path.slice(i);
      name = path.slice(1, i);
      break;
    }
  }
  if (['true', 'false', 'null', 'nan', 'inf'].includes(name.toLowerCase())) return { pathOut, json: name, ok: true };
  return { pathOut, json: '', ok: false };
}
