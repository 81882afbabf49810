// Compiles fixtures/scenarios/scenario.schema.json (JSON Schema 2020-12, ajv) once, with the cloud
// engineer's `machine:` schema registered as urn:coder-conformance:cloud-machine, and turns ajv
// errors into (JSON pointer, problem) pairs a person can act on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { metadataSchema } from '../cloud/index.ts';
import { scenariosDir } from './dir.ts';
import { jsonPointerSegment } from '../../openapi/index.ts';

const MACHINE_ID = 'urn:coder-conformance:cloud-machine';
let compiled: ValidateFunction | undefined;

export function compileScenarioValidator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(join(scenariosDir(), 'scenario.schema.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: false, strict: false });
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema({ ...(metadataSchema as object), $id: MACHINE_ID });
  compiled = ajv.compile(schema);
  return compiled;
}

/** A key as a JSON pointer segment (RFC 6901: ~ is ~0, / is ~1), so `a/b` cannot pass for two levels. */

export function formatAjvError(e: ErrorObject): { pointer: string; problem: string } {
  const p = e.params as Record<string, unknown>;
  if (/^#\/\$defs\/fault\/(oneOf|anyOf|allOf|not|dependentRequired)/.test(e.schemaPath)) {
    return {
      pointer: e.instancePath,
      problem:
        'a fault needs either `operation` or `method`+`path` (not both), and at least one of status, reset, rst, raw, delayMs (reset, rst and raw go without status and without each other; truncate needs status)',
    };
  }
  switch (e.keyword) {
    case 'additionalProperties':
      return { pointer: `${e.instancePath}/${jsonPointerSegment(String(p.additionalProperty))}`, problem: 'unknown field' };
    case 'required':
      return { pointer: `${e.instancePath}/${jsonPointerSegment(String(p.missingProperty))}`, problem: 'required field is missing' };
    case 'enum':
      return {
        pointer: e.instancePath,
        problem: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'const':
      return { pointer: e.instancePath, problem: `must be ${JSON.stringify(p.allowedValue)}` };
    default:
      return { pointer: e.instancePath, problem: e.message ?? e.keyword };
  }
}
