/**
 * `work`, or a rejection with `message` once `ms` have passed without it settling. When the
 * timer fires, the event loop takes one more turn before giving up, so an answer already
 * waiting in a socket is read first: a process that was itself too busy to look in time does
 * not blame Redis for it.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => setImmediate(() => reject(new Error(message))), ms);
    timer.unref();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
