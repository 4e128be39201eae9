/* eslint-disable @typescript-eslint/no-require-imports -- the SDK is loaded only when tracing is on */
import type { IncomingMessage } from 'node:http';
import { trace } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import type { TracingConfig } from '@app/config';

/** Probes and scrapes, every few seconds: not worth a trace each. */
const UNTRACED_PATHS = /^\/(health\/|metrics(\?|$))/;

let shutdown: (() => Promise<void>) | undefined;

/**
 * Registers the OpenTelemetry SDK: spans of HTTP requests, SQL and Redis commands, exported in
 * batches over OTLP/HTTP (JSON) to OTEL_EXPORTER_OTLP_ENDPOINT. Must run before http, pg and
 * ioredis are first required, which is why each entry point imports its `tracing.ts` first.
 * Without settings nothing is loaded or patched.
 *
 * SQL and Redis commands are traced only inside a traced operation (a request, a job, an event
 * handled): the subscriptions' polling and BullMQ's blocking reads would otherwise make a trace
 * of their own every second.
 */
export function startTracing(settings: TracingConfig | undefined, defaultServiceName: string) {
  if (!settings?.endpoint || shutdown) return;
  const { NodeTracerProvider, BatchSpanProcessor } =
    require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { defaultResource, resourceFromAttributes } =
    require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { registerInstrumentations } =
    require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');

  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({ 'service.name': settings.serviceName ?? defaultServiceName }),
    ),
    // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and its headers, timeout) itself.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register(); // W3C trace context propagation, AsyncLocalStorage context
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) =>
          UNTRACED_PATHS.test(request.url ?? ''),
      }),
      // SQL text only (parameters are never recorded); no span per pool checkout.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
      // The command name only: keys and values may name a client address or a holder.
      new IORedisInstrumentation({
        requireParentSpan: true,
        dbStatementSerializer: (command: string) => command,
      }),
    ],
  });
  shutdown = () => provider.shutdown();
}

/** Exports the spans still buffered; the last step of a graceful shutdown. */
export async function stopTracing(): Promise<void> {
  const stop = shutdown;
  shutdown = undefined;
  await stop?.();
}

/**
 * Names each request's span after its route (`POST /bookings/:bookingId/confirm`), which the
 * http instrumentation cannot know, and records it as http.route.
 */
export function nameRequestSpans(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    const span = trace.getActiveSpan();
    if (!span || !route) return;
    span.updateName(`${request.method} ${route}`);
    span.setAttribute('http.route', route);
  });
}
