import { context, trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { takeTraceContext, withTraceContext } from './job-trace';

describe("A job's trace context", () => {
  const provider = new NodeTracerProvider();
  provider.register();
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it('travels in the data of a job scheduled inside a span, and is taken out before the handler', () => {
    const data = { bookingId: 'b-1' };
    const { traced, spanId } = trace.getTracer('test').startActiveSpan('scheduling', (span) => {
      span.end();
      return { traced: withTraceContext(data), spanId: span.spanContext().spanId };
    });
    expect(traced).toEqual({
      bookingId: 'b-1',
      traceContext: { traceparent: expect.stringContaining(spanId) },
    });
    const { payload, trace: carried } = takeTraceContext(JSON.parse(JSON.stringify(traced)));
    expect(payload).toEqual(data);
    expect(carried?.traceparent).toContain(spanId);
  });

  it('leaves the data of a job scheduled outside any span as it is', () => {
    const data = { bookingId: 'b-2' };
    expect(withTraceContext(data)).toBe(data);
    expect(takeTraceContext(data)).toEqual({ payload: data });
  });
});
