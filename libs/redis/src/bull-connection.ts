/**
 * BullMQ connection options for REDIS_URL: blocking workers need no per-request retry limit,
 * and with Redis unreachable commands fail at once (callers fall back to in-process work)
 * instead of queueing in memory.
 */
export const bullConnection = (url: string) => ({
  url,
  maxRetriesPerRequest: null,
  enableOfflineQueue: false,
});
