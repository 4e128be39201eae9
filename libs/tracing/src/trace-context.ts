import { context, propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';

/**
 * A W3C trace context (https://www.w3.org/TR/trace-context/) as plain JSON, stored with what a
 * traced operation causes later elsewhere (an event, a job), so the work it sets off joins its
 * trace.
 */
export interface TraceContext {
  traceparent?: string;
  tracestate?: string;
}

/**
 * The active span's trace context. Both fields are present, undefined when nothing is traced (no
 * SDK registered, or no span active: one no-op call), so spreading it over a default says "not
 * traced" rather than keeping someone else's trace; JSON leaves undefined fields out.
 */
export function activeTraceContext(): TraceContext {
  const carrier: TraceContext = {};
  propagation.inject(context.active(), carrier);
  return { traceparent: carrier.traceparent, tracestate: carrier.tracestate };
}

/** The context a span should start in to continue `stored` (the root context when it is empty). */
export function contextFrom(stored: TraceContext | undefined): Context {
  if (!stored?.traceparent) return ROOT_CONTEXT;
  const carrier: TraceContext = { traceparent: stored.traceparent };
  if (stored.tracestate) carrier.tracestate = stored.tracestate;
  return propagation.extract(ROOT_CONTEXT, carrier);
}
