// Loads a scenario: reads fixtures/scenarios/<name>.yaml (or a path), resolves `extends` (deep merge,
// lists replaced), validates every file against fixtures/scenarios/scenario.schema.json plus the
// cross-field rules the schema cannot express. Errors name the file, the field (JSON pointer) and
// the problem.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { scenariosDir } from './dir.ts';
import { deepMerge } from './merge.ts';
import { checkScenarioRules } from './rules.ts';
import { compileScenarioValidator, formatAjvError } from './schema.ts';
import type { Scenario } from './types.ts';

export { scenariosDir };

export class ScenarioError extends Error {
  readonly file: string;
  readonly pointer: string;
  readonly problem: string;
  constructor(file: string, pointer: string, problem: string) {
    super(`scenario ${file}: ${pointer === '' ? '(root)' : pointer}: ${problem}`);
    this.name = 'ScenarioError';
    this.file = file;
    this.pointer = pointer;
    this.problem = problem;
  }
}

const NAME_RE = /^[a-z0-9][a-z0-9-]*$/;

function isPath(nameOrPath: string): boolean {
  return nameOrPath.includes('/') || nameOrPath.includes('\\') || nameOrPath.endsWith('.yaml') || nameOrPath.endsWith('.yml');
}

function resolveFile(nameOrPath: string, baseDir: string): string {
  if (isPath(nameOrPath)) return isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath);
  return join(baseDir, `${nameOrPath}.yaml`);
}

function readYaml(file: string, display: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ScenarioError(display, '', code === 'ENOENT' ? 'no such scenario file' : `cannot read: ${(err as Error).message}`);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, logLevel: 'silent' });
  // A warning (an unknown tag such as `!tag`) is an error too: the value would silently be a string.
  const bad = doc.errors[0] ?? doc.warnings[0];
  if (bad) throw new ScenarioError(display, '', `invalid YAML: ${bad.message.split('\n')[0]}`);
  let value: unknown;
  try {
    value = doc.toJS(); // throws for an alias without its anchor (`<<: *x`) and alias bombs
  } catch (err) {
    throw new ScenarioError(display, '', `invalid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScenarioError(display, '', 'must be a YAML mapping');
  }
  return value as Record<string, unknown>;
}

function loadRaw(nameOrPath: string, baseDir: string, chain: string[], fallbackDir: string): Record<string, unknown> {
  if (!isPath(nameOrPath) && !NAME_RE.test(nameOrPath)) {
    throw new ScenarioError(nameOrPath, '', 'invalid scenario name (lower-case letters, digits and dashes)');
  }
  const file = resolveFile(nameOrPath, baseDir);
  const display = isPath(nameOrPath) ? file : `${nameOrPath}.yaml`;
  if (chain.includes(file)) {
    throw new ScenarioError(display, '/extends', `extends cycle: ${[...chain, file].map((f) => basename(f)).join(' -> ')}`);
  }
  const raw = readYaml(file, display);
  const parentName = raw.extends;
  let merged = raw;
  if (typeof parentName === 'string') {
    if (!NAME_RE.test(parentName)) {
      throw new ScenarioError(display, '/extends', 'invalid scenario name (lower-case letters, digits and dashes)');
    }
    let parent: Record<string, unknown>;
    try {
      // A base is looked up next to the extending file, then among the suite's scenarios.
      const sibling = join(dirname(file), `${parentName}.yaml`);
      parent = loadRaw(parentName, existsSync(sibling) ? dirname(file) : fallbackDir, [...chain, file], fallbackDir);
    } catch (err) {
      if (err instanceof ScenarioError && err.file === `${parentName}.yaml` && err.problem === 'no such scenario file') {
        throw new ScenarioError(display, '/extends', `unknown base scenario "${parentName}"`);
      }
      throw err;
    }
    const { extends: _drop, ...own } = raw;
    void _drop;
    merged = deepMerge(parent, own) as Record<string, unknown>;
    merged.extends = parentName;
  }
  // A base is validated on its own first, so what fails after merging comes from this file.
  const validate = compileScenarioValidator();
  if (!validate(merged)) {
    const { pointer, problem } = formatAjvError(validate.errors![0]);
    throw new ScenarioError(display, pointer, problem);
  }
  delete merged.extends;
  return merged;
}

/** Loads and validates a scenario by name (fixtures/scenarios/<name>.yaml) or by file path. */
export function loadScenario(nameOrPath: string, options: { dir?: string } = {}): Scenario {
  const dir = options.dir ?? scenariosDir();
  const merged = loadRaw(nameOrPath, dir, [], dir);
  const name = isPath(nameOrPath) ? basename(nameOrPath).replace(/\.ya?ml$/, '') : nameOrPath;
  const display = isPath(nameOrPath) ? resolveFile(nameOrPath, dir) : `${nameOrPath}.yaml`;
  const scenario = { ...merged, name } as unknown as Scenario;
  const problem = checkScenarioRules(scenario);
  if (problem) throw new ScenarioError(display, problem.pointer, problem.problem);
  return scenario;
}
