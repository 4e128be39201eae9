import { AsyncLocalStorage } from 'node:async_hooks';

/** What the events appended in this async context are part of, and (in a saga) caused by. */
export interface Correlation {
  correlationId: string;
  /** The event a saga step reacts to; null for a request or a timer. */
  causationId?: string | null;
}

const context = new AsyncLocalStorage<Correlation>();

/**
 * Runs `work` so that the events it appends carry `correlation` (unless they set their own):
 * an HTTP request's id, or the correlation of the event a saga step reacts to.
 */
export function withCorrelation<T>(correlation: Correlation, work: () => T): T {
  return context.run(correlation, work);
}

/** The correlation of the current async context, if some caller set one. */
export function currentCorrelation(): Correlation | undefined {
  return context.getStore();
}
