import { type Attributes, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextFrom, type TraceContext } from './trace-context';

const tracer = () => trace.getTracer('bus-booking');

export interface SpanOptions {
  /** The trace this work continues (from an event's metadata or a job's data); none: a new one. */
  parent?: TraceContext;
  kind?: SpanKind;
  attributes?: Attributes;
}

/**
 * Runs `work` in a span of its own, active while it runs (so database and Redis calls inside are
 * its children); a failure is recorded on the span and rethrown. Without a registered SDK the
 * span is a no-op.
 */
export function inSpan<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    contextFrom(options.parent),
    async (span) => {
      try {
        return await work();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

export { SpanKind };
