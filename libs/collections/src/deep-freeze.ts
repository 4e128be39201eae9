/**
 * Freezes `value` and everything it holds (objects and arrays; not a Map's or Set's entries),
 * so a value shared from a cache cannot be changed by one of its readers. An object already
 * frozen is taken as frozen all the way down.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
