// Every response example of openapi.yaml, sent as a real HTTP response (its
// declared Content-Type and required headers), passes validateResponse in
// some revision; and declaredStatuses follows the revision.
import { describe, expect, it } from 'vitest';
import { getOperationObject, operations, resolveRef, type JsonObject } from './contract.ts';
import { CONTRACT_REVISIONS } from './revision.ts';
import { createContractValidator } from './validator.ts';

const validators = CONTRACT_REVISIONS.map((revision) => createContractValidator({ revision }));

function statusFor(code: string): number {
  return /^\dXX$/i.test(code) ? Number(code[0]) * 100 + 3 : Number(code);
}

describe('response examples through validateResponse', () => {
  it('each passes in at least one revision', () => {
    let count = 0;
    const failures: string[] = [];
    for (const op of operations) {
      const responses = getOperationObject(op.operationId).op.responses as JsonObject;
      for (const [code, raw] of Object.entries(responses)) {
        const response = resolveRef<{ headers?: JsonObject; content?: Record<string, JsonObject> }>(raw);
        const headers: [string, string][] = [];
        for (const [name, h] of Object.entries(response.headers ?? {})) {
          const header = resolveRef<JsonObject>(h);
          headers.push([name, String(header.example)]);
        }
        const bodies: [string, string][] = [];
        for (const [media, mt] of Object.entries(response.content ?? {})) {
          const values = 'example' in mt ? [mt.example] : Object.values((mt.examples ?? {}) as JsonObject).map((e) => resolveRef<JsonObject>(e).value);
          const contentType = media.replace('/*', '/plain');
          for (const value of values) bodies.push([contentType, typeof value === 'string' ? value : `${JSON.stringify(value)}\n`]);
        }
        if (!response.content) bodies.push(['', '']);
        for (const [contentType, body] of bodies) {
          count++;
          const res = { status: statusFor(code), headers: contentType ? [...headers, ['Content-Type', contentType] as [string, string]] : headers, body };
          const results = validators.map((v) => v.validateResponse(op.operationId, res));
          if (!results.some((r) => r.length === 0)) failures.push(...results[1]);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(45);
  });
});

describe('declaredStatuses', () => {
  it('follows the revision', () => {
    const [pre, pr24325] = validators;
    expect(pre.declaredStatuses('authAwsInstanceIdentity')).toEqual(['200', '400', '401', '404', '500']);
    expect(pr24325.declaredStatuses('authAwsInstanceIdentity')).toEqual(['200', '400', '401', '404', '409', '500']);
    expect(pr24325.declaredStatuses('gcpGetIdentityToken')).toEqual(['200', '400', '403', '404', '5XX']);
    expect(() => pr24325.declaredStatuses('nope')).toThrow('unknown operationId "nope"');
  });
});
