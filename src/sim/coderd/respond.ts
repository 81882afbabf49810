// coderd's httpapi.Write: `Content-Type: application/json; charset=utf-8`, HTML-escaped compact JSON
// plus "\n". Error bodies are codersdk.Response {message, detail?, validations?} in struct order,
// with detail and validations only when non-empty.
import { jsonEncode } from '../../go/index.ts';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface ValidationError {
  field: string;
  detail: string;
}

export interface ErrorBody {
  message: string;
  detail?: string;
  validations?: ValidationError[];
}

/** Answer `value` (plain objects are Go maps, JS Maps are Go structs) the way httpapi.Write does. */
export function writeJSON(status: number, value: unknown): Response {
  return new Response(jsonEncode(value, { escapeHTML: true }), {
    status,
    headers: { 'Content-Type': JSON_CONTENT_TYPE },
  });
}

export function errorStruct(body: ErrorBody): Map<string, unknown> {
  const m = new Map<string, unknown>([['message', body.message]]);
  if (body.detail) m.set('detail', body.detail);
  if (body.validations && body.validations.length > 0) {
    m.set(
      'validations',
      body.validations.map(
        (v) =>
          new Map<string, unknown>([
            ['field', v.field],
            ['detail', v.detail],
          ]),
      ),
    );
  }
  return m;
}

export function writeError(status: number, body: ErrorBody): Response {
  return writeJSON(status, errorStruct(body));
}
