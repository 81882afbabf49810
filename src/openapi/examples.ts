// Finds every example in an OpenAPI document together with the schema it must
// satisfy, so a test can keep the examples honest (and tools can reuse them).
import { contractDocument, resolveRef, type JsonObject, type OpenApiDocument } from './contract.ts';
import { type Direction, jsonPointerSegment } from './schemas.ts';

export interface ContractExample {
  /** JSON pointer of the example inside the document, e.g. `/paths/~1latest~1api~1token/put/responses/200/content/text~1plain/example`. */
  location: string;
  schema: unknown;
  value: unknown;
  /** `request` for parameters and request bodies, `response` otherwise (revision rules differ). */
  direction: Direction;
  /** Set for a media-type example: the media type it is served as. */
  mediaType?: string;
}

const escape = jsonPointerSegment;

export function collectExamples(doc: OpenApiDocument = contractDocument): ContractExample[] {
  const out: ContractExample[] = [];
  const walk = (node: unknown, pointer: string, parentKey: string | undefined, grandKey: string | undefined) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, `${pointer}/${i}`, String(i), parentKey));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const obj = node as JsonObject;
    const direction: Direction = /\/(requestBody|parameters)(\/|$)/.test(pointer) ? 'request' : 'response';
    const mediaType = grandKey === 'content' ? parentKey : undefined;
    const withMedia = (e: ContractExample): ContractExample => (mediaType ? { ...e, mediaType } : e);
    if ('example' in obj) {
      const schema = 'schema' in obj ? obj.schema : obj;
      out.push(withMedia({ location: `${pointer}/example`, schema, value: obj.example, direction }));
    }
    if ('examples' in obj && 'schema' in obj && obj.examples && typeof obj.examples === 'object' && !Array.isArray(obj.examples)) {
      for (const [name, raw] of Object.entries(obj.examples as JsonObject)) {
        const example = resolveRef<JsonObject>(raw, doc);
        if (!('value' in example)) continue;
        out.push(withMedia({ location: `${pointer}/examples/${escape(name)}`, schema: obj.schema, value: example.value, direction }));
      }
    } else if (Array.isArray(obj.examples)) {
      obj.examples.forEach((value, i) => out.push({ location: `${pointer}/examples/${i}`, schema: obj, value, direction }));
    }
    for (const [key, value] of Object.entries(obj)) {
      // Example values are data, not document structure; components/examples are checked where referenced.
      if (key === 'example' || key === 'examples') continue;
      walk(value, `${pointer}/${escape(key)}`, key, parentKey);
    }
  };
  walk(doc, '', undefined, undefined);
  return out;
}
