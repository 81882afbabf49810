// smallstep/pkcs7's ber2der header walk (issue #10: a base64 Azure payload that is not PKCS#7).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ber2derError, parsePkcs7 } from './pkcs7.ts';

const b = (...x: number[]) => Uint8Array.from(x);

describe('ber2der', () => {
  it("rejects text that is not BER with ber2der's texts", () => {
    expect(parsePkcs7(new TextEncoder().encode('hello'))).toEqual({ ok: false, error: 'ber2der: BER tag length is more than available data' });
    expect(ber2derError(b(0x30, 0x85))).toBe('ber2der: BER tag length too long');
    expect(ber2derError(b(0x30, 0x84, 0x80, 0x0, 0x0, 0x0))).toBe('ber2der: BER tag length is negative');
    expect(ber2derError(b(0x30, 0x82, 0x0, 0x1))).toBe('ber2der: BER tag length has leading zero');
    expect(ber2derError(b(0x30, 0x80, 0x1, 0x2, 0x1, 0x2))).toBe('ber2der: Invalid BER format');
    expect(ber2derError(b(0x30, 0x03, 0x01, 0x02))).toBe('ber2der: BER tag length is more than available data');
    expect(ber2derError(b(0x30))).toBe('ber2der: cannot move offset forward, end of ber data reached');
    expect(ber2derError(b(0x04, 0x80, 0x00, 0x00))).toBe('ber2der: Indefinite form tag must have constructed encoding');
  });
  it('accepts DER and indefinite-length BER, ignoring bytes after the first value', () => {
    expect(ber2derError(b(0x30, 0x03, 0x02, 0x01, 0x05))).toBeNull();
    expect(ber2derError(b(0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00))).toBeNull();
    expect(ber2derError(b(0x02, 0x01, 0x05, 0xff, 0xff))).toBeNull();
  });
  it('property: any well-formed definite-length TLV nesting passes', () => {
    const tlv = fc.letrec<{ v: number[] }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.uint8Array({ maxLength: 20 }).map((c) => [0x04, c.length, ...c]),
        fc.array(tie('v'), { maxLength: 3 }).map((items: number[][]) => {
          const body = items.flat();
          return body.length < 0x80 ? [0x30, body.length, ...body] : [0x30, 0x81, body.length, ...body];
        }),
      ),
    })).v;
    fc.assert(
      fc.property(
        tlv.filter((x) => x.length < 250),
        (x) => ber2derError(Uint8Array.from(x)) === null,
      ),
    );
  });
});
