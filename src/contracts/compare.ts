// Checks pact interactions against openapi.yaml with @pactflow/openapi-pact-comparator.
// Policy: every finding fails, errors and warnings alike (an unknown query parameter, status
// or path is something the contract does not allow); `describeFindings` makes them readable.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import * as comparatorModule from '@pactflow/openapi-pact-comparator';
import { OPENAPI_FILE } from './names.ts';
import type { PactFile } from './pact-file.ts';

/** One comparator result (the package's `Result`; its shipped .d.ts files do not resolve). */
export interface Finding {
  type: 'error' | 'warning';
  code: string;
  message: string;
  mockDetails?: { interactionDescription?: string | null; interactionState?: string | null; location: string; value: unknown };
  specDetails?: { location: string; pathMethod?: string | null; pathName?: string | null; value: unknown };
}

interface ComparatorInstance {
  compare(pact: unknown): AsyncGenerator<Finding>;
}
const { Comparator } = comparatorModule as unknown as { Comparator: new (oas: object) => ComparatorInstance };

export async function loadOpenApi(file = OPENAPI_FILE): Promise<object> {
  const text = await readFile(file, 'utf8');
  const doc = parse(text) as unknown;
  if (doc === null || typeof doc !== 'object' || !('openapi' in doc)) {
    throw new Error(`${file} is not an OpenAPI document (no "openapi" key)`);
  }
  return doc;
}

/** All comparator findings for one pact against one OpenAPI document. */
export async function comparePact(openapi: object, pact: PactFile): Promise<Finding[]> {
  const comparator = new Comparator(openapi);
  const findings: Finding[] = [];
  for await (const r of comparator.compare(pact)) findings.push(r);
  return findings;
}

export function describeFindings(findings: Finding[]): string {
  return findings
    .map((f) => {
      const where = f.mockDetails
        ? ` [interaction ${JSON.stringify(f.mockDetails.interactionDescription)}, state ${JSON.stringify(f.mockDetails.interactionState)}, ${f.mockDetails.location}]`
        : '';
      return `${f.type} ${f.code}: ${f.message}${where}`;
    })
    .join('\n');
}
