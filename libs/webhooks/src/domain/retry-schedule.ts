const LONGEST_WAIT_SECONDS = 6 * 3600;

export interface RetryPolicy {
  /** The first retry waits this long, each next one twice as long (at most 6 h). */
  baseSeconds: number;
  /** Retried until this long after the first attempt; then given up. */
  windowSeconds: number;
}

/**
 * When a failed delivery is tried again, or null when its retries are over: exponential backoff
 * from the first attempt, within the policy's window (3 days by default, as pretix does).
 */
export function nextAttemptAt(
  attempts: number,
  firstAttemptAt: Date,
  now: Date,
  policy: RetryPolicy,
): Date | null {
  const wait = Math.min(policy.baseSeconds * 2 ** Math.max(0, attempts - 1), LONGEST_WAIT_SECONDS);
  const next = now.getTime() + wait * 1000;
  if (next > firstAttemptAt.getTime() + policy.windowSeconds * 1000) return null;
  return new Date(next);
}
