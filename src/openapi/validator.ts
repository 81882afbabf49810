// Runtime contract validator: matches a request to an operation of openapi.yaml
// and reports how a request or response departs from the contract for one
// upstream revision. It only reports; what to do with a violation (a fault the
// simulator injects on purpose, a bug in an implementation) is the caller's call.
import { contractDocument, getOperation, getOperationObject, operations, resolveRef, type JsonObject, type Operation } from './contract.ts';
import {
  compilePathTemplate,
  headerValue,
  isJsonMediaType,
  matchPath,
  mediaTypeEssence,
  mediaTypeMatches,
  parseCookies,
  splitUrl,
  type HeaderList,
  type PathTemplate,
} from './http.ts';
import { CONTRACT_REVISIONS, DEFAULT_CONTRACT_REVISION, isContractRevision, revisionAtLeast, type ContractRevision } from './revision.ts';
import { createSchemaCompiler, formatSchemaErrors, type Direction } from './schemas.ts';

export interface ContractRequest {
  method: string;
  /** Absolute URL or path with query, e.g. `http://169.254.169.254/latest/api/token` or `/api/v2/...?id=github&match=`. */
  url: string;
  headers: HeaderList;
  body: string;
}

export interface ContractResponse {
  status: number;
  headers: HeaderList;
  body: string;
}

export interface ContractValidator {
  revision: ContractRevision;
  /** The operation for a method and path (a query string is ignored), or undefined. */
  matchOperation(method: string, path: string): Operation | undefined;
  validateRequest(req: ContractRequest): { operationId?: string; violations: string[] };
  validateResponse(operationId: string, res: ContractResponse): string[];
  /** Response status keys (`200`, `5XX`, `default`) the operation declares in this revision. */
  declaredStatuses(operationId: string): string[];
  /** Validates any value against a contract schema (inline or `$ref`), as a request or response part. */
  validateValue(schema: unknown, value: unknown, direction: Direction, where: string): string[];
}

type ParameterIn = 'path' | 'query' | 'header' | 'cookie';

interface Parameter {
  name: string;
  in: ParameterIn;
  required?: boolean;
  schema?: JsonObject;
}

interface SecurityScheme {
  type: string;
  in?: ParameterIn;
  name?: string;
}

interface MediaTypeObject {
  schema?: JsonObject;
}

function parametersOf(operationId: string): Parameter[] {
  const { op, pathItem } = getOperationObject(operationId);
  const merged = new Map<string, Parameter>();
  for (const list of [pathItem.parameters, op.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = resolveRef<Parameter>(raw);
      merged.set(`${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`, p);
    }
  }
  return [...merged.values()];
}

function describeCredential(scheme: SecurityScheme): string {
  return `${scheme.in} ${scheme.name}`;
}

// Compiled schemas depend only on the revision: share them between validators.
const compilers = new Map<ContractRevision, ReturnType<typeof createSchemaCompiler>>();

export function createContractValidator(opts: { revision?: ContractRevision } = {}): ContractValidator {
  const revision = opts.revision ?? DEFAULT_CONTRACT_REVISION;
  if (!isContractRevision(revision)) {
    throw new Error(`unknown contract revision ${JSON.stringify(revision)} (known: ${CONTRACT_REVISIONS.join(', ')})`);
  }
  const compiler = compilers.get(revision) ?? createSchemaCompiler(revision);
  compilers.set(revision, compiler);
  const templates = new Map<string, PathTemplate>();
  for (const op of operations) if (!templates.has(op.path)) templates.set(op.path, compilePathTemplate(op.path));
  // Literal paths first, so a fixed path beats a template that would also match it.
  const orderedPaths = [...templates.values()].sort((a, b) => Number(b.literal) - Number(a.literal));
  const paramWrappers = new WeakMap<object, JsonObject>();

  function findPath(path: string): { template: PathTemplate; params: Record<string, string> } | undefined {
    for (const template of orderedPaths) {
      const params = matchPath(template, path);
      if (params) return { template, params };
    }
    return undefined;
  }

  function matchOperation(method: string, path: string): Operation | undefined {
    const found = findPath(splitUrl(path).path);
    if (!found) return undefined;
    const upper = method.toUpperCase();
    return operations.find((o) => o.path === found.template.template && o.method === upper);
  }

  function validateValue(schema: unknown, value: unknown, direction: Direction, where: string): string[] {
    const fn = compiler.compile(schema, direction);
    return fn(value) ? [] : formatSchemaErrors(where, fn.errors);
  }

  function validateParameter(p: Parameter, raw: string, direction: Direction, where: string): string[] {
    if (!p.schema) return [];
    let wrapper = paramWrappers.get(p.schema);
    if (!wrapper) {
      wrapper = { type: 'object', properties: { value: p.schema } };
      paramWrappers.set(p.schema, wrapper);
    }
    const fn = compiler.compileParameter(wrapper, direction);
    return fn({ value: raw }) ? [] : formatSchemaErrors(where, fn.errors, '/value');
  }

  function validateBody(
    where: string,
    declared: Record<string, MediaTypeObject>,
    contentType: string | undefined,
    body: string,
    direction: Direction,
  ): string[] {
    const keys = Object.keys(declared);
    if (contentType === undefined) return [`${where} has no Content-Type (expected ${keys.join(' or ')})`];
    const essence = mediaTypeEssence(contentType);
    const key = keys.find((k) => mediaTypeEssence(k) === essence) ?? keys.find((k) => mediaTypeMatches(k, essence));
    if (key === undefined) return [`${where} has Content-Type "${essence}", expected ${keys.join(' or ')}`];
    const schema = declared[key].schema;
    if (!schema) return [];
    if (isJsonMediaType(essence)) {
      if (body.trim() === '') return [`${where} is empty, expected JSON`];
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        return [`${where} is not valid JSON`];
      }
      return validateValue(schema, value, direction, where);
    }
    const violations = validateValue(schema, body, direction, where);
    const resolved = resolveRef<JsonObject>(schema);
    if (violations.length === 0 && resolved.contentMediaType === 'application/json' && resolved.contentSchema) {
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        return [`${where} is not valid JSON (served as ${essence}, content is application/json)`];
      }
      return validateValue(resolved.contentSchema, value, direction, `${where} (JSON content)`);
    }
    return violations;
  }

  function validateRequest(req: ContractRequest): { operationId?: string; violations: string[] } {
    const method = req.method.toUpperCase();
    let path: string;
    let query: URLSearchParams;
    try {
      ({ path, query } = splitUrl(req.url));
    } catch {
      return { violations: [`no operation matches ${method} ${req.url} (not a URL)`] };
    }
    const found = findPath(path);
    const op = found && operations.find((o) => o.path === found.template.template && o.method === method);
    if (!found || !op) {
      const allowed = found ? operations.filter((o) => o.path === found.template.template).map((o) => o.method) : [];
      const hint = allowed.length > 0 ? ` (the contract has ${allowed.join(', ')} for ${found!.template.template})` : '';
      return { violations: [`no operation matches ${method} ${path}${hint}`] };
    }
    const id = op.operationId;
    const violations: string[] = [];
    const cookies = parseCookies(req.headers);

    for (const p of parametersOf(id)) {
      const value =
        p.in === 'path'
          ? found.params[p.name]
          : p.in === 'query'
            ? query.has(p.name)
              ? (query.get(p.name) ?? '')
              : undefined
            : p.in === 'header'
              ? headerValue(req.headers, p.name)
              : cookies.get(p.name);
      const where = `${id}: ${p.in} parameter "${p.name}"`;
      if (value === undefined) {
        if (p.required) violations.push(`${where} is required but missing`);
        continue;
      }
      violations.push(...validateParameter(p, value, 'request', where));
    }

    const { op: opObject } = getOperationObject(id);
    const security = (opObject.security ?? contractDocument.security ?? []) as Record<string, string[]>[];
    if (security.length > 0 && !security.some((req) => Object.keys(req).length === 0)) {
      const schemes = (contractDocument.components.securitySchemes ?? {}) as Record<string, SecurityScheme>;
      const present = (s: SecurityScheme) =>
        s.type === 'apiKey' &&
        (s.in === 'header'
          ? headerValue(req.headers, s.name!) !== undefined
          : s.in === 'query'
            ? query.has(s.name!)
            : s.in === 'cookie' && cookies.has(s.name!));
      if (!security.some((requirement) => Object.keys(requirement).every((name) => schemes[name] && present(schemes[name])))) {
        const options = security.flatMap((r) => Object.keys(r).map((n) => describeCredential(schemes[n])));
        violations.push(`${id}: no credential sent (expected one of: ${options.join(', ')})`);
      }
    }

    const requestBody = opObject.requestBody ? resolveRef<{ required?: boolean; content?: Record<string, MediaTypeObject> }>(opObject.requestBody) : undefined;
    if (!requestBody) {
      if (req.body !== '') violations.push(`${id}: the operation takes no request body, got ${Buffer.byteLength(req.body)} bytes`);
    } else if (req.body === '') {
      if (requestBody.required) violations.push(`${id}: request body is required but empty`);
    } else {
      violations.push(...validateBody(`${id}: request body`, requestBody.content ?? {}, headerValue(req.headers, 'content-type'), req.body, 'request'));
    }
    return { operationId: id, violations };
  }

  function declaredStatuses(operationId: string): string[] {
    getOperation(operationId);
    const responses = (getOperationObject(operationId).op.responses ?? {}) as JsonObject;
    return Object.keys(responses).filter((code) => {
      const since = resolveRef<JsonObject>(responses[code])['x-coder-since'];
      return typeof since !== 'string' || revisionAtLeast(revision, since);
    });
  }

  function validateResponse(operationId: string, res: ContractResponse): string[] {
    const available = declaredStatuses(operationId);
    const responses = (getOperationObject(operationId).op.responses ?? {}) as JsonObject;
    const status = String(res.status);
    const code = available.find((c) => c === status) ?? available.find((c) => c.toUpperCase() === `${status[0]}XX`) ?? available.find((c) => c === 'default');
    if (code === undefined) {
      return [`${operationId}: response status ${status} is not declared for revision ${revision} (declared: ${available.join(', ')})`];
    }
    const response = resolveRef<{ headers?: JsonObject; content?: Record<string, MediaTypeObject> }>(responses[code]);
    const violations: string[] = [];
    for (const [name, rawHeader] of Object.entries(response.headers ?? {})) {
      if (name.toLowerCase() === 'content-type') continue;
      const header = { ...resolveRef<Parameter>(rawHeader), name, in: 'header' as const };
      const value = headerValue(res.headers, name);
      const where = `${operationId}: response ${status} header "${name}"`;
      if (value === undefined) {
        if (header.required) violations.push(`${where} is required but missing`);
        continue;
      }
      violations.push(...validateParameter(header, value, 'response', where));
    }
    const content = response.content;
    if (!content || Object.keys(content).length === 0) {
      if (res.body !== '') violations.push(`${operationId}: response ${status} declares no body, got ${Buffer.byteLength(res.body)} bytes`);
      return violations;
    }
    violations.push(...validateBody(`${operationId}: response ${status} body`, content, headerValue(res.headers, 'content-type'), res.body, 'response'));
    return violations;
  }

  return { revision, matchOperation, validateRequest, validateResponse, declaredStatuses, validateValue };
}
