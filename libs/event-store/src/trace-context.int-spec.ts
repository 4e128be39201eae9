import { context, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { randomUUID } from 'node:crypto';
import { activeTraceContext } from '@app/tracing';
import { NO_STREAM, RecordedEvent } from './event';
import { createTestEventStore } from './event-store.test-utils';

/** With an SDK registered (as tracing.ts does when OTEL_EXPORTER_OTLP_ENDPOINT is set). */
describe('Trace context in the event log', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
  const tracer = trace.getTracer('test');
  const es = createTestEventStore(4);
  afterAll(async () => {
    await es.close();
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  const inRequest = <T>(work: () => Promise<T>) =>
    tracer.startActiveSpan('request', async (span) => {
      try {
        return { result: await work(), span: span.spanContext() };
      } finally {
        span.end();
      }
    });
  const traceparentOf = (s: { traceId: string; spanId: string }) =>
    `00-${s.traceId}-${s.spanId}-01`;

  it("stores the appending span's traceparent in each event's metadata; none outside a span", async () => {
    const streamId = `traced-${randomUUID()}`;
    const { result, span } = await inRequest(() =>
      es.store.append(streamId, NO_STREAM, [{ type: 'Happened', data: {} }]),
    );
    expect(result.events[0].metadata.traceparent).toBe(traceparentOf(span));
    const [stored] = await es.store.readStream(streamId);
    expect(stored.metadata.traceparent).toBe(traceparentOf(span));

    const untraced = await es.store.append(`untraced-${randomUUID()}`, NO_STREAM, [
      { type: 'Happened', data: {} },
    ]);
    expect(untraced.events[0].metadata).not.toHaveProperty('traceparent');
  });

  it("keeps each event's own trace context when one append writes for several callers", async () => {
    const streamId = `group-${randomUUID()}`;
    const { result: other, span: otherSpan } = await inRequest(async () => activeTraceContext());
    const { result, span } = await inRequest(() =>
      es.store.append(streamId, NO_STREAM, [
        { type: 'Mine', data: {} },
        { type: 'Theirs', data: {}, metadata: other },
      ]),
    );
    expect(result.events.map((e) => e.metadata.traceparent)).toEqual([
      traceparentOf(span),
      traceparentOf(otherSpan),
    ]);
  });

  it('handles each event of a subscription in a span that continues its trace', async () => {
    exporter.reset();
    const streamId = `handled-${randomUUID()}`;
    const handled: { event: RecordedEvent; traceparent?: string }[] = [];
    const subscription = es.subscribe({
      subscriptionId: `test-traced-${randomUUID()}`,
      startFrom: 'end',
      pollIntervalMs: 60_000,
      handleEvent: async (event) => {
        if (event.streamId !== streamId) return;
        handled.push({ event, traceparent: activeTraceContext().traceparent });
        if (event.type === 'Fails' && handled.length < 3) throw new Error('try again');
      },
    });
    await subscription.drain();
    const { span } = await inRequest(() =>
      es.store.append(streamId, NO_STREAM, [
        { type: 'Works', data: {} },
        { type: 'Fails', data: {} },
      ]),
    );
    await expect(subscription.drain()).rejects.toThrow('try again');
    await subscription.drain(); // the batch again, as the poll would

    const spans = exporter
      .getFinishedSpans()
      .filter((s) => s.name.startsWith(subscription.id))
      .map((s) => ({
        name: s.name,
        traceId: s.spanContext().traceId,
        parent: s.parentSpanContext?.spanId,
        status: s.status.code,
      }));
    expect(spans).toEqual([
      { name: `${subscription.id} Works`, traceId: span.traceId, parent: span.spanId, status: 0 },
      { name: `${subscription.id} Fails`, traceId: span.traceId, parent: span.spanId, status: 2 },
      { name: `${subscription.id} Works`, traceId: span.traceId, parent: span.spanId, status: 0 },
      { name: `${subscription.id} Fails`, traceId: span.traceId, parent: span.spanId, status: 0 },
    ]);
    // Inside the handler the event's span is active (its SQL and jobs join the trace).
    expect(handled.every((h) => h.traceparent?.includes(span.traceId))).toBe(true);
  });
});
