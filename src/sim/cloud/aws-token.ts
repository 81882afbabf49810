// IMDSv2 session tokens that validate themselves: version byte, expiry (ms) and an HMAC under the
// suite's secret. No server state, so the handlers stay pure functions of (keys, machine, now).
import { createHmac, timingSafeEqual } from 'node:crypto';

const VERSION = 0x01;
const MAC_BYTES = 23;
const TOKEN_BYTES = 1 + 8 + MAC_BYTES;

function mac(secret: Uint8Array, head: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(head).digest().subarray(0, MAC_BYTES);
}

/** A token valid from `now` for `ttlSeconds` (expired once now >= issue time + TTL). */
export function mintImdsToken(secret: Uint8Array, now: Date, ttlSeconds: number): string {
  const head = new Uint8Array(9);
  head[0] = VERSION;
  new DataView(head.buffer).setBigUint64(1, BigInt(now.getTime() + ttlSeconds * 1000));
  return Buffer.concat([head, mac(secret, head)]).toString('base64');
}

/** True when the token was minted with this secret and has not expired at `now`. */
export function checkImdsToken(secret: Uint8Array, token: string, now: Date): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return false;
  const raw = Buffer.from(token, 'base64');
  if (raw.length !== TOKEN_BYTES || raw[0] !== VERSION || raw.toString('base64') !== token) return false;
  const head = raw.subarray(0, 9);
  if (!timingSafeEqual(raw.subarray(9), mac(secret, head))) return false;
  const expiresAt = Number(new DataView(head.buffer, head.byteOffset, 9).getBigUint64(1));
  return now.getTime() < expiresAt;
}
