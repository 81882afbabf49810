// Go time.Time as far as JSON needs it: an instant (Unix seconds + nanoseconds) plus the UTC offset it was
// parsed with, RFC3339Nano formatting (MarshalJSON) and the zero time.
import type { GoJSONMarshaler } from '../json/encode.ts';
import { civilFromDays, daysFromCivil } from './civil.ts';

const ZERO_UNIX = -62135596800; // 0001-01-01T00:00:00Z

export class GoTime implements GoJSONMarshaler {
  readonly goType = 'time.Time';
  /**
   * @param unixSeconds whole seconds since 1970-01-01T00:00:00Z (the instant)
   * @param nanosecond 0..999999999 (built only by the parser and fromFields, which keep it so)
   * @param offsetSeconds the zone offset kept for formatting (0 formats as `Z`)
   */
  constructor(
    readonly unixSeconds: number,
    readonly nanosecond: number,
    readonly offsetSeconds: number,
  ) {}

  /** Build from wall-clock fields in the given offset (like time.Date with a fixed zone). */
  static fromFields(year: number, month: number, day: number, hour: number, min: number, sec: number, nsec: number, offsetSeconds = 0): GoTime {
    const unix = daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec - offsetSeconds;
    return new GoTime(unix, nsec, offsetSeconds);
  }

  /** Wall-clock fields in the time's own offset. */
  fields(): { year: number; month: number; day: number; hour: number; minute: number; second: number; nanosecond: number } {
    const local = this.unixSeconds + this.offsetSeconds;
    const days = Math.floor(local / 86400);
    const secs = local - days * 86400;
    return {
      ...civilFromDays(days),
      hour: Math.floor(secs / 3600),
      minute: Math.floor((secs % 3600) / 60),
      second: secs % 60,
      nanosecond: this.nanosecond,
    };
  }

  /**
   * Go MarshalJSON: quoted RFC3339Nano; throws Go's error for years outside [0,9999] and for offsets whose
   * hour is 24 or more (`+24:00` parses, since Go does not check it, but does not marshal).
   */
  marshalGoJSON(): string {
    const s = formatRFC3339Nano(this);
    if (s[4] !== '-') throw new Error('Time.MarshalJSON: year outside of range [0,9999]');
    if (!s.endsWith('Z')) {
      const zone = s.slice(-6);
      if (/[0-9]/.test(zone[0]) || Number(zone.slice(1, 3)) >= 24) throw new Error('Time.MarshalJSON: timezone hour outside of range [0,23]');
    }
    return '"' + s + '"';
  }
}

/** Go's zero time.Time (0001-01-01T00:00:00Z). */
export const zeroTime = new GoTime(ZERO_UNIX, 0, 0);

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Go t.Format(time.RFC3339Nano): fraction without trailing zeros (omitted when 0), `Z` for offset 0. */
export function formatRFC3339Nano(t: GoTime): string {
  const f = t.fields();
  const year = f.year < 0 ? '-' + pad(-f.year, 4) : pad(f.year, 4);
  let s = `${year}-${pad(f.month, 2)}-${pad(f.day, 2)}T${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}`;
  if (f.nanosecond !== 0) s += '.' + pad(f.nanosecond, 9).replace(/0+$/, '');
  if (t.offsetSeconds === 0) return s + 'Z';
  const off = Math.abs(t.offsetSeconds);
  return s + (t.offsetSeconds < 0 ? '-' : '+') + pad(Math.floor(off / 3600), 2) + ':' + pad(Math.floor((off % 3600) / 60), 2);
}
