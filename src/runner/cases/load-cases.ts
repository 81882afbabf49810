// Loads conformance cases from YAML files, merges per-file defaults and validates every case
// against conformance/case.schema.json. Errors name the file, the case and the field.
// A file holding one case lives at <id>.yaml under the cases folder (case id `aws/name/flag` is
// aws/name/flag.yaml); a file with `defaults:` + `cases:` may hold any ids.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { parseDocument } from 'yaml';
import { loadScenario, ScenarioError } from '../../sim/index.ts';
import { packageRoot, paths } from '../root.ts';
import type { Case } from '../types.ts';
import { hashTree } from './tree-hash.ts';

export class CaseLoadError extends Error {}

let validators: { file: ValidateFunction; kase: ValidateFunction } | undefined;

function getValidators(): { file: ValidateFunction; kase: ValidateFunction } {
  if (validators) return validators;
  const schema = JSON.parse(readFileSync(paths.schema(), 'utf8')) as { $id: string };
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addSchema(schema);
  validators = {
    file: ajv.getSchema(`${schema.$id}#/$defs/file`)!,
    kase: ajv.getSchema(`${schema.$id}#/$defs/case`)!,
  };
  return validators;
}

/** Human text for ajv errors: `field /expect/exit: must be integer`. */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined): string {
  const lines = new Set<string>();
  for (const e of errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'anyOf') continue;
    const field = e.instancePath || '(top level)';
    if (e.keyword === 'additionalProperties') {
      lines.add(`field ${field}: unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`);
    } else if (e.keyword === 'required') {
      lines.add(`field ${field}: missing required field "${(e.params as { missingProperty: string }).missingProperty}"`);
    } else if (e.keyword === 'enum') {
      lines.add(`field ${field}: must be one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`);
    } else if (e.keyword === 'not' && e.schemaPath.includes('expect')) {
      lines.add(`field ${field}: a core case may not have an exact "stderr" (use stderr_contains / stderr_matches, or make it strict)`);
    } else if (e.keyword === 'not' && e.schemaPath.endsWith('/else/allOf/0/not')) {
      lines.add(`field ${field}: "strict_reason" is only for strict cases`);
    } else if (e.keyword === 'not') {
      lines.add(`field ${field}: "stdout" and "stdout_golden" cannot both be given`);
    } else {
      lines.add(`field ${field}: ${e.message ?? e.keyword}`);
    }
  }
  return [...lines].join('; ');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Defaults under a case: top-level keys replaced, maps (env, expect) merged one level deep. */
export function mergeDefaults(defaults: Record<string, unknown>, kase: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(kase)) {
    const d = out[k];
    out[k] = isPlainObject(d) && isPlainObject(v) ? { ...d, ...v } : v;
  }
  return out;
}

function listYaml(dir: string): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    throw new CaseLoadError(`cannot read cases directory ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  for (const name of names) {
    const p = join(dir, name);
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (err) {
      throw new CaseLoadError(`cannot read ${p}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (isDir) out.push(...listYaml(p));
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) out.push(p);
  }
  return out;
}

export interface LoadOptions {
  /** Do not require golden files to exist (they are about to be written). */
  allowMissingGoldens?: boolean;
  /**
   * The cases folder the file belongs to. When given, a one-case file must sit at `<id>.yaml`
   * (or `.yml`) under it. Files with `defaults:` + `cases:` are not checked.
   */
  root?: string;
}

/** The id a one-case file at `abs` must have: its path under `root`, `/`-separated, without `.yaml`/`.yml`. */
export function idFromPath(root: string, abs: string): string {
  return relative(resolve(root), abs)
    .split(sep)
    .join('/')
    .replace(/\.ya?ml$/, '');
}

/** Parses one case file; returns its cases with `file` set. */
const scenarioChecks = new Map<string, string | undefined>();

/** Loads (once per name) the scenario a case names; a missing or invalid one is a case error. */
function checkScenario(name: string): string | undefined {
  if (!scenarioChecks.has(name)) {
    let problem: string | undefined;
    try {
      loadScenario(name);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      problem = err.message;
    }
    scenarioChecks.set(name, problem);
  }
  return scenarioChecks.get(name);
}

export function loadCaseFile(file: string, options: LoadOptions = {}): Case[] {
  const abs = resolve(file);
  const shown = relative(process.cwd(), abs) || abs;
  let doc: unknown;
  try {
    const parsed = parseDocument(readFileSync(abs, 'utf8'), { prettyErrors: true, uniqueKeys: true, logLevel: 'silent' });
    // A warning (an unknown tag such as `!tag`) is an error too: the value would silently be a string.
    const bad = parsed.errors[0] ?? parsed.warnings[0];
    if (bad) throw bad;
    doc = parsed.toJS(); // throws for an alias without its anchor and for alias bombs
  } catch (err) {
    throw new CaseLoadError(`${shown}: invalid YAML: ${(err as Error).message}`);
  }
  const { file: validateFile, kase: validateCase } = getValidators();
  let raw: Record<string, unknown>[];
  let defaults: Record<string, unknown> = {};
  let pathId: string | undefined;
  if (isPlainObject(doc) && 'cases' in doc) {
    if (!validateFile(doc)) throw new CaseLoadError(`${shown}: ${describeSchemaErrors(validateFile.errors)}`);
    defaults = (doc.defaults as Record<string, unknown> | undefined) ?? {};
    raw = doc.cases as Record<string, unknown>[];
  } else if (isPlainObject(doc)) {
    raw = [doc];
    if (options.root !== undefined) pathId = idFromPath(options.root, abs);
  } else {
    throw new CaseLoadError(`${shown}: expected a case (a YAML mapping) or a mapping with "cases", got ${doc === null ? 'an empty file' : typeof doc}`);
  }
  return raw.map((r, i) => {
    const merged = mergeDefaults(defaults, r);
    const label = typeof merged.id === 'string' ? `case "${merged.id}"` : `case #${i + 1}`;
    if (!validateCase(merged)) {
      throw new CaseLoadError(`${shown}: ${label}: ${describeSchemaErrors(validateCase.errors)}`);
    }
    if (pathId !== undefined && merged.id !== pathId) {
      throw new CaseLoadError(
        `${shown}: ${label}: field /id: id ${JSON.stringify(merged.id)} does not match the file's path under the cases folder, ${JSON.stringify(pathId)} (a one-case file must be named <id>.yaml)`,
      );
    }
    const root = options.root !== undefined ? resolve(options.root) : dirname(abs);
    const kase = { env: {}, ...merged, file: abs, root } as unknown as Case;
    const regexps: [string, string][] = [
      ...(kase.expect.stderr_matches ?? []).map((re): [string, string] => ['/expect/stderr_matches', re]),
      ...(kase.expect.requests ?? []).flatMap((r, j): [string, string][] =>
        r.body_matches !== undefined ? [[`/expect/requests/${j}/body_matches`, r.body_matches]] : [],
      ),
    ];
    for (const [field, re] of regexps) {
      try {
        new RegExp(re);
      } catch (err) {
        throw new CaseLoadError(`${shown}: ${label}: field ${field}: invalid regular expression ${JSON.stringify(re)}: ${(err as Error).message}`);
      }
    }
    const scenarioProblem = checkScenario(kase.scenario);
    if (scenarioProblem !== undefined) throw new CaseLoadError(`${shown}: ${label}: field /scenario: ${scenarioProblem}`);
    if (kase.expect.stdout_golden) {
      const g = goldenPath(kase);
      const inside = relative(root, g);
      if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
        throw new CaseLoadError(
          `${shown}: ${label}: field /expect/stdout_golden: ${JSON.stringify(kase.expect.stdout_golden)} is outside the cases folder ${relative(process.cwd(), root) || root}: a golden is addressed relative to the cases folder and kept inside it, so that a copied folder still loads (e.g. goldens/${basename(g)})`,
        );
      }
    }
    if (kase.expect.stdout_golden && !options.allowMissingGoldens) {
      const g = goldenPath(kase);
      if (!existsSync(g)) {
        throw new CaseLoadError(
          `${shown}: ${label}: field /expect/stdout_golden: file not found: ${relative(process.cwd(), g) || g} (create it with --update-goldens)`,
        );
      }
    }
    return kase;
  });
}

/** The golden a case names: `expect.stdout_golden` relative to the case's cases folder. */
export function goldenPath(kase: Pick<Case, 'root' | 'expect'>): string {
  return resolve(kase.root, kase.expect.stdout_golden!);
}

/** Loads every case under `dir` (default conformance/cases), rejecting duplicate ids and one-case files not named `<id>.yaml`. */
/**
 * The case sets this process has loaded, by a hash of what a load reads that can change while a process runs:
 * the folder's every path and bytes (goldens included: their existence is checked) and the options. (The schema
 * and the scenarios are read once per process: getValidators, checkScenario.) A runner called many times in one
 * process (the tests, in-process runs, a library) then parses and validates a case set once (~0.5 s for 1,700
 * cases) and afterwards only hashes and copies it (~40 ms). Every call gets its own copy; a failed load is not kept.
 */
const loaded = new Map<string, Case[]>();
const KEEP_LOADED = 4;

function loadKey(dir: string, options: LoadOptions): string | undefined {
  try {
    const h = createHash('sha256');
    // Every option (a new one too), the root resolved.
    h.update(`${resolve(dir)}\0${JSON.stringify({ ...options, root: options.root && resolve(options.root) })}\0`);
    hashTree(h, dir);
    return h.digest('hex');
  } catch {
    return undefined; // an unreadable file: the load below reports it
  }
}

export function loadCases(dir: string = paths.casesDir(), options: LoadOptions = {}): Case[] {
  if (!existsSync(dir)) throw new CaseLoadError(`cases directory not found: ${dir}`);
  const key = loadKey(dir, options);
  const kept = key === undefined ? undefined : loaded.get(key);
  if (kept) return structuredClone(kept);
  const cases = loadCaseFiles(dir, options);
  if (key !== undefined) {
    const copy = structuredClone(cases);
    if (isDeepStrictEqual(copy, cases)) {
      loaded.delete(key);
      loaded.set(key, copy);
      if (loaded.size > KEEP_LOADED) loaded.delete(loaded.keys().next().value as string);
    }
  }
  return cases;
}

function loadCaseFiles(dir: string, options: LoadOptions): Case[] {
  const cases: Case[] = [];
  const seen = new Map<string, string>();
  for (const file of listYaml(dir)) {
    for (const c of loadCaseFile(file, { ...options, root: dir })) {
      const prev = seen.get(c.id);
      if (prev) {
        throw new CaseLoadError(`${relative(packageRoot(), c.file)}: case "${c.id}": field /id: duplicate id (also in ${relative(packageRoot(), prev)})`);
      }
      seen.set(c.id, c.file);
      cases.push(c);
    }
  }
  if (cases.length === 0) throw new CaseLoadError(`no cases found under ${dir}`);
  return cases;
}
