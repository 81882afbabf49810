// One exchange as the journal records it: classifies the answered request (service, operationId)
// and collects contract violations for the request and the response, for both the loopback
// server and in-process (setupServer) traffic.
import { createContractValidator, metadataCloudOf, type ContractValidator } from '../../openapi/index.ts';
import { operationFor } from '../operations.ts';
import type { Revision } from '../scenario/types.ts';
import type { JournalEntry, JournalService } from './journal.ts';

const validators = new Map<Revision, ContractValidator>();

function validatorFor(revision: Revision): ContractValidator {
  let v = validators.get(revision);
  if (!v) {
    v = createContractValidator({ revision });
    validators.set(revision, v);
  }
  return v;
}

/** Service of an answered request: by operation, else by metadata path prefix, else coderd. */
export function serviceOf(method: string, path: string, host: string): { service: JournalService; operationId?: string } {
  const op = operationFor(method, path);
  if (op) return { service: op.service, operationId: op.id };
  return { service: metadataCloudOf(path, host) ?? 'coderd' };
}

export interface ExchangeParts {
  method: string;
  url: string;
  path: string;
  query: string;
  headers: [string, string][];
  body: string;
  response: JournalEntry['response'];
}

/**
 * Violations of request and response against openapi.yaml for the revision, prefixed `request: `
 * (the client's doing) or `response: ` (the simulator's, e.g. an injected fault).
 */
export function contractViolations(revision: Revision, x: ExchangeParts, validate: boolean): string[] {
  if (!validate) return [];
  const v = validatorFor(revision);
  const req = v.validateRequest({ method: x.method, url: x.url, headers: x.headers, body: x.body });
  const out = req.violations.map((m) => `request: ${m}`);
  if (req.operationId && x.response.status !== 0) {
    const res = v.validateResponse(req.operationId, { status: x.response.status, headers: x.response.headers, body: x.response.body });
    out.push(...res.map((m) => `response: ${m}`));
  }
  return out;
}
