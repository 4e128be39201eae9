/**
 * Sets `key` in a map used as a bounded memory: the key becomes the newest entry, and when the
 * map already holds `capacity` others, the oldest (the one set longest ago) is dropped. A
 * process' caches and memories (verified tokens, the bookings and seat allocations it wrote,
 * trips, pages of trips, seat maps, contended trips) stay within their size this way.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): void {
  map.delete(key);
  if (map.size >= capacity) map.delete(map.keys().next().value as K);
  map.set(key, value);
}
