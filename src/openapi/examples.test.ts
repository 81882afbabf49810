// Keeps openapi.yaml's examples honest: each one validates against its own
// schema in at least one revision (and as JSON content where a text body
// carries JSON), and the check itself catches a wrong example.
import { describe, expect, it } from 'vitest';
import { contractDocument, resolveRef, type JsonObject, type OpenApiDocument } from './contract.ts';
import { collectExamples, type ContractExample } from './examples.ts';
import { CONTRACT_REVISIONS } from './revision.ts';
import { createContractValidator } from './validator.ts';

const validators = CONTRACT_REVISIONS.map((revision) => createContractValidator({ revision }));

/** Problems of an example under one validator; text bodies carrying JSON are checked as JSON too. */
function problems(v: ReturnType<typeof createContractValidator>, e: ContractExample): string[] {
  const found = v.validateValue(e.schema, e.value, e.direction, e.location);
  const schema = resolveRef<JsonObject>(e.schema);
  if (found.length === 0 && typeof e.value === 'string' && schema.contentMediaType === 'application/json' && schema.contentSchema) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(e.value);
    } catch {
      return [`${e.location}: not valid JSON`];
    }
    return v.validateValue(schema.contentSchema, parsed, e.direction, `${e.location} (JSON content)`);
  }
  return found;
}

/** Empty when some revision accepts the example; else the problems under the default revision. */
function judge(e: ContractExample): string[] {
  const results = validators.map((v) => problems(v, e));
  return results.some((r) => r.length === 0) ? [] : results[1];
}

describe('openapi.yaml examples', () => {
  const examples = collectExamples();

  it('finds examples for every response of every operation', () => {
    for (const [path, item] of Object.entries(contractDocument.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (typeof op !== 'object' || !op || !('responses' in op)) continue;
        for (const [status, raw] of Object.entries((op as JsonObject).responses as JsonObject)) {
          const response = resolveRef<{ content?: JsonObject }>(raw);
          for (const [media, mt] of Object.entries(response.content ?? {})) {
            const hasExample = 'example' in (mt as JsonObject) || 'examples' in (mt as JsonObject);
            expect(hasExample, `${method.toUpperCase()} ${path} ${status} ${media} has no example`).toBe(true);
          }
        }
      }
    }
    expect(examples.length).toBeGreaterThan(40);
  });

  it('every example validates against its own schema', () => {
    const failures = examples.flatMap(judge);
    expect(failures).toEqual([]);
  });

  it('revision-specific examples hold only in their revisions', () => {
    const withExpiry = examples.find((e) => e.location.endsWith('/examples/tokenWithExpiry'));
    const withoutExpiry = examples.find((e) => e.location.endsWith('/examples/token') && e.location.includes('external-auth'));
    expect(withExpiry && withoutExpiry).toBeTruthy();
    const by = (rev: string) => validators.find((v) => v.revision === rev)!;
    expect(problems(by('pr26883'), withExpiry!)).toEqual([]);
    expect(problems(by('pr24325'), withExpiry!)).toEqual([`${withExpiry!.location} at /expires_at: must be absent before revision pr26883`]);
    expect(problems(by('pr24325'), withoutExpiry!)).toEqual([]);
    expect(problems(by('pr26883'), withoutExpiry!)).toEqual([`${withoutExpiry!.location} at /expires_at: is required but missing`]);
  });

  it('reports a wrong example (the check can fail)', () => {
    const doc: OpenApiDocument = {
      openapi: '3.1.0',
      components: {},
      paths: {
        '/x': {
          get: {
            parameters: [{ name: 'ttl', in: 'header', schema: { type: 'integer', maximum: 10 }, example: 11 }],
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/json': {
                    schema: { type: 'object', required: ['a'], properties: { a: { type: 'string', example: 7 } } },
                    examples: { good: { value: { a: 'x' } }, bad: { value: { b: 1 } } },
                  },
                },
              },
            },
          },
        },
      },
    };
    const found = collectExamples(doc);
    expect(found.map((e) => [e.location, e.direction])).toEqual([
      ['/paths/~1x/get/parameters/0/example', 'request'],
      ['/paths/~1x/get/responses/200/content/application~1json/examples/good', 'response'],
      ['/paths/~1x/get/responses/200/content/application~1json/examples/bad', 'response'],
      ['/paths/~1x/get/responses/200/content/application~1json/schema/properties/a/example', 'response'],
    ]);
    expect(found.flatMap(judge)).toEqual([
      '/paths/~1x/get/parameters/0/example: must be <= 10',
      '/paths/~1x/get/responses/200/content/application~1json/examples/bad at /a: is required but missing',
      '/paths/~1x/get/responses/200/content/application~1json/schema/properties/a/example: must be string',
    ]);
  });

  it('an AWS identity document example that is not JSON is caught', () => {
    const op = contractDocument.paths['/latest/dynamic/instance-identity/document'].get as JsonObject;
    const media = ((op.responses as JsonObject)['200'] as JsonObject).content as JsonObject;
    const schema = (media['text/plain'] as JsonObject).schema;
    const e: ContractExample = { location: 'doc', schema, value: '{"instanceId":', direction: 'response', mediaType: 'text/plain' };
    expect(judge(e)).toEqual(['doc: not valid JSON']);
    expect(judge({ ...e, value: '{"instanceId":"i-0123456789abcdef0"}' })).toContain('doc (JSON content) at /region: is required but missing');
  });
});
