// Loads openapi.yaml (repo root) once and lists its operations with the
// service each belongs to; also resolves local `$ref`s inside the document.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { operations as GeneratedOperations } from '../generated/openapi.ts';

/** The clouds: openapi.yaml's tags other than `coderd` (a tag missing here, or a name here without operations, fails loading). */
export const CLOUDS = ['aws', 'azure', 'gcp'] as const;
export type Cloud = (typeof CLOUDS)[number];
export type Service = 'coderd' | Cloud;
/** The contract's operationIds, from the types openapi-typescript generated out of openapi.yaml. */
export type OperationId = keyof GeneratedOperations;

export interface Operation {
  operationId: string;
  /** Upper-case HTTP method, e.g. `GET`. */
  method: string;
  /** Path template as written in openapi.yaml, e.g. `/computeMetadata/v1/instance/service-accounts/{serviceAccount}/identity`. */
  path: string;
  service: Service;
  /** Server URLs for this operation (path-level servers, else the document's). */
  servers: string[];
}

/** The parts of an OpenAPI 3.1 document this suite reads; everything else stays `unknown`. */
export type JsonObject = { [key: string]: unknown };

export interface OpenApiDocument extends JsonObject {
  openapi: string;
  paths: Record<string, JsonObject>;
  components: JsonObject;
  servers?: { url: string }[];
  security?: Record<string, string[]>[];
}

export const CONTRACT_PATH = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const SERVICES: readonly Service[] = ['coderd', ...CLOUDS];

/**
 * openapi.yaml as parsed at build time, with the SHA-256 of the text it was parsed from: defined in
 * the runner's bundle (scripts/build.mjs, contractDefine) so that a run does not parse the YAML again
 * (a tenth of a second of every start). Used only while the file still has that hash, so an edited
 * contract is always read; undefined when running from the sources.
 */
declare const __PARSED_CONTRACT__: { sha256: string; document: unknown } | undefined;
const prebuilt = typeof __PARSED_CONTRACT__ === 'undefined' ? undefined : __PARSED_CONTRACT__;

/** The hash `__PARSED_CONTRACT__` is keyed by. */
export function contractTextHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function loadDocument(path: string): OpenApiDocument {
  let parsed: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    parsed = prebuilt?.sha256 === contractTextHash(text) ? prebuilt.document : parse(text);
  } catch (err) {
    throw new Error(`cannot load the contract ${path}: ${(err as Error).message}`);
  }
  const doc = parsed as Partial<OpenApiDocument> | null;
  if (!doc || typeof doc !== 'object' || typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.1')) {
    throw new Error(`${path} is not an OpenAPI 3.1 document`);
  }
  if (!doc.paths || typeof doc.paths !== 'object') throw new Error(`${path}: no paths`);
  return { components: {}, ...doc } as OpenApiDocument;
}

/** The parsed openapi.yaml. Treat as read-only. */
export const contractDocument: OpenApiDocument = loadDocument(CONTRACT_PATH);

/** Follows a local `$ref` (`#/components/...`), repeatedly; other values are returned as they are. */
export function resolveRef<T = JsonObject>(value: unknown, doc: OpenApiDocument = contractDocument): T {
  let current = value;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof (current as JsonObject).$ref === 'string') {
    const ref = (current as JsonObject).$ref as string;
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
    if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
    seen.add(ref);
    let target: unknown = doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      target = target && typeof target === 'object' ? (target as JsonObject)[key] : undefined;
      if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
    }
    current = target;
  }
  return current as T;
}

function listOperations(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  const rootServers = (doc.servers ?? []).map((s) => s.url);
  for (const [path, item] of Object.entries(doc.paths)) {
    const pathServers = Array.isArray(item.servers) ? (item.servers as { url: string }[]).map((s) => s.url) : undefined;
    for (const method of METHODS) {
      const op = item[method] as JsonObject | undefined;
      if (!op) continue;
      const operationId = op.operationId;
      if (typeof operationId !== 'string') throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const tags = Array.isArray(op.tags) ? (op.tags as string[]) : [];
      const service = SERVICES.find((s) => tags.includes(s));
      if (!service) throw new Error(`${operationId}: tags must name one service of ${SERVICES.join(', ')}`);
      const opServers = Array.isArray(op.servers) ? (op.servers as { url: string }[]).map((s) => s.url) : undefined;
      out.push({ operationId, method: method.toUpperCase(), path, service, servers: opServers ?? pathServers ?? rootServers });
    }
  }
  return out;
}

/** Every operation of the contract, in document order. */
export const operations: readonly Operation[] = Object.freeze(listOperations(contractDocument));

/** The operation with this operationId; throws on an unknown id (a typo is a bug, not a miss). */
export function getOperation(operationId: string): Operation {
  const op = operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`unknown operationId ${JSON.stringify(operationId)} (known: ${operations.map((o) => o.operationId).join(', ')})`);
  return op;
}

/** The raw OpenAPI Operation Object (and its Path Item) for an operationId. */
export function getOperationObject(operationId: string): { op: JsonObject; pathItem: JsonObject } {
  const { path, method } = getOperation(operationId);
  const pathItem = contractDocument.paths[path];
  return { op: pathItem[method.toLowerCase()] as JsonObject, pathItem };
}
