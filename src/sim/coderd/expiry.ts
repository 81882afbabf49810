// The #26883 `expires_at` value: an RFC 3339 instant (nanosecond precision kept, JS Date has only
// milliseconds) converted to UTC and written as Go's RFC3339Nano (fraction without trailing zeros,
// none when zero); the zero time when there is no expiry. Also the "is it in the past" check.
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export interface Instant {
  /** Unix seconds. */
  seconds: number;
  nanos: number;
}

export function parseRFC3339(text: string): Instant {
  const m = RFC3339.exec(text);
  if (!m) throw new Error(`not an RFC 3339 time: ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const dt = new Date(0);
  dt.setUTCFullYear(+y, +mo - 1, +d);
  dt.setUTCHours(+h, +mi, +s, 0);
  let seconds = dt.getTime() / 1000;
  if (sign) seconds -= (sign === '+' ? 1 : -1) * (+oh * 3600 + +om * 60);
  return { seconds, nanos: frac ? +frac.padEnd(9, '0') : 0 };
}

export function formatRFC3339NanoUTC(t: Instant): string {
  const iso = new Date(t.seconds * 1000).toISOString();
  const base = iso.slice(0, iso.indexOf('.'));
  const frac = t.nanos === 0 ? '' : '.' + String(t.nanos).padStart(9, '0').replace(/0+$/, '');
  return `${base}${frac}Z`;
}

/** `expires_at` for a link expiry (undefined = no expiry → Go zero time). */
export function expiresAt(expiry: string | undefined): string {
  return expiry === undefined ? GO_ZERO_TIME : formatRFC3339NanoUTC(parseRFC3339(expiry));
}

/** Unix seconds of Go's zero time, 0001-01-01T00:00:00Z. */
const GO_ZERO_SECONDS = -62135596800;

/** Go's time.IsZero on the instant: no expiry, or an expiry written as the zero time in any offset. */
export function isZeroExpiry(expiry: string | undefined): boolean {
  if (expiry === undefined) return true;
  const t = parseRFC3339(expiry);
  return t.seconds === GO_ZERO_SECONDS && t.nanos === 0;
}

/** The same instant (no expiry = the zero time), as the listen loop compares link expiries. */
export function sameExpiry(a: string | undefined, b: string | undefined): boolean {
  if (isZeroExpiry(a) || isZeroExpiry(b)) return isZeroExpiry(a) && isZeroExpiry(b);
  const x = parseRFC3339(a!);
  const y = parseRFC3339(b!);
  return x.seconds === y.seconds && x.nanos === y.nanos;
}

/** Non-zero expiry strictly before `now` (a zero expiry never expires, like oauth2.Token and the listen loop). */
export function isExpired(expiry: string | undefined, now: Date): boolean {
  if (isZeroExpiry(expiry)) return false;
  const t = parseRFC3339(expiry!);
  const nowMs = now.getTime();
  return t.seconds * 1000 + t.nanos / 1e6 < nowMs;
}
