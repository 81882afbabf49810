// encoding/json decoding of a JSON array into a Go slice that may already hold elements (a repeated key,
// `{"v":[{"a":1}],"v":[{}]}`): Go decodes element i into the slice's existing element i (kept up to the
// slice's capacity, so fields set by an earlier array survive, even past a shorter array in between);
// only elements beyond it start from the zero value. An empty array gives a fresh empty slice and `null`
// a nil one, both dropping what the slice held.

/** The backing array (Go: up to cap) behind each visible slice this module returned. */
const backings = new WeakMap<object, unknown[]>();

/**
 * Decodes `count` elements into `current` as Go does: `decode(el, i)` fills element i in place (an existing
 * element, or `zero()` beyond the ones held). Returns the new visible slice (length `count`).
 */
export function decodeSliceInto<T extends object>(current: T[] | null | undefined, count: number, zero: () => T, decode: (el: T, i: number) => void): T[] {
  if (count === 0) return [];
  const backing: T[] = current ? ((backings.get(current) as T[] | undefined) ?? [...current]) : [];
  for (let i = 0; i < count; i++) {
    if (i >= backing.length) backing.push(zero());
    decode(backing[i], i);
  }
  const visible = backing.slice(0, count);
  backings.set(visible, backing);
  return visible;
}
