// coderd's httpapi.Read for the instance-identity request structs: json.NewDecoder(body).Decode
// (first value only, Go syntax errors, case-insensitive field names, type errors naming the struct
// field; src/go's decodeGoStruct) then the `validate:"required"` check, answered as 400 "Request body must be valid JSON." or
// 400 "Validation failed." with one validation per empty required field, in struct order.
import { decodeGoStruct } from '../../go/index.ts';
import { writeError } from './respond.ts';

export interface StructSpec {
  /** Go type name as %v prints it, e.g. agentsdk.AWSInstanceIdentityToken. */
  goType: string;
  /** JSON names of the string fields, in struct order. */
  fields: string[];
  required: string[];
}

export const AWS_TOKEN: StructSpec = {
  goType: 'agentsdk.AWSInstanceIdentityToken',
  fields: ['signature', 'document', 'agent_name'],
  required: ['signature', 'document'],
};
export const AZURE_TOKEN: StructSpec = {
  goType: 'agentsdk.AzureInstanceIdentityToken',
  fields: ['signature', 'encoding', 'agent_name'],
  required: ['signature', 'encoding'],
};
export const GOOGLE_TOKEN: StructSpec = {
  goType: 'agentsdk.GoogleInstanceIdentityToken',
  fields: ['json_web_token', 'agent_name'],
  required: ['json_web_token'],
};
/** Before #24325 the structs had no agent_name (an agent_name key is an unknown field, ignored). */
export function withoutAgentName(spec: StructSpec): StructSpec {
  return { ...spec, fields: spec.fields.filter((f) => f !== 'agent_name') };
}

export type ReadResult = { ok: true; values: Record<string, string> } | { ok: false; response: Response };

function badJSON(detail: string): ReadResult {
  return { ok: false, response: writeError(400, { message: 'Request body must be valid JSON.', detail }) };
}

function structName(goType: string): string {
  return goType.slice(goType.lastIndexOf('.') + 1);
}

export function readStruct(body: Uint8Array, spec: StructSpec): ReadResult {
  const decoded = decodeGoStruct({ typeName: spec.goType, structName: structName(spec.goType), fields: spec.fields.map((f) => [f, { kind: 'string' }]) }, body);
  if (!decoded.ok) return badJSON(decoded.error);
  const values = decoded.value as Record<string, string>;
  const missing = spec.required.filter((f) => values[f] === '');
  if (missing.length > 0) {
    return {
      ok: false,
      response: writeError(400, {
        message: 'Validation failed.',
        validations: missing.map((field) => ({ field, detail: 'Validation failed for tag "required" with value: ""' })),
      }),
    };
  }
  return { ok: true, values };
}
