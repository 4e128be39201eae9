/**
 * Answers served again and again as the very same object (views a handler keeps until what they
 * show changes; never changed once made) are serialized once: their JSON is kept beside them.
 */
const serialized = new WeakMap<object, string | null>();

/** Marks an answer that is never changed once made, so that its JSON is kept with it. */
export function sharedAnswer<T extends object>(answer: T): T {
  if (!serialized.has(answer)) serialized.set(answer, null);
  return answer;
}

/** Fastify's reply serializer: JSON.stringify, once per shared answer. */
export function serializeReply(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return JSON.stringify(payload);
  const known = serialized.get(payload);
  if (known) return known;
  const json = JSON.stringify(payload);
  if (known === null) serialized.set(payload, json);
  return json;
}
