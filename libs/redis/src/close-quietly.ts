/**
 * Closes a BullMQ queue or worker without hanging shutdown: a graceful close waits for Redis,
 * which may be gone; after `timeoutMs` the connection is dropped instead.
 */
export async function closeQuietly(
  closable: { close(): Promise<void>; disconnect(): Promise<void> } | undefined,
  timeoutMs = 2000,
): Promise<void> {
  if (!closable) return;
  let timer: NodeJS.Timeout | undefined;
  const closed = closable.close().then(
    () => true,
    () => false,
  );
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const done = await Promise.race([closed, timedOut]);
  clearTimeout(timer);
  if (!done) await closable.disconnect().catch(() => undefined);
}
