import './bootstrap/async-resource-bind';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import { TokenVerifier } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { withCorrelation } from '@app/event-store';
import { JobQueues } from '@app/jobs';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule, AppOptions } from './app.module';
import { registerCatalogFastPaths } from './catalog/catalog-fast-paths';
import { registerAsyncApiDocument } from './http/asyncapi.route';
import { CorsIoAdapter, corsOptions } from './http/cors';
import { registerJsonBodyParser } from './http/json-body';
import { serializeReply } from './http/shared-answers';
import { buildOpenApiDocument } from './http/openapi-document';
import { createLogger, PinoLoggerService } from './ops/logging';
import { boardSessionKey } from './ops/queue-board/board-session';
import { registerQueueBoard } from './ops/queue-board/queue-board';
import { Metrics } from './ops/metrics';
import { nameRequestSpans } from './ops/tracing';
import { collectApiPrefixes, serveWebClient } from './web-client/web-client';

const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A problem answer as a client saw it: which route, which status, which code. */
export interface AnsweredProblem {
  method: string;
  route: string;
  status: number;
  code: string;
}

export async function createApiApp(
  options: AppOptions & {
    logs?: boolean;
    /** Told of every problem answer (tests check each against the OpenAPI document). */
    onProblem?: (problem: AnsweredProblem) => void;
    /** Where the log lines go instead of stdout (tests read them); logs on even with `logs: false`. */
    logTo?: DestinationStream;
  },
): Promise<NestFastifyApplication> {
  const silent = options.logs === false && !options.logTo;
  const logger = createLogger(
    silent ? { logLevel: 'silent' as const } : options.config,
    undefined,
    options.logTo,
  );
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // One line per request is written by the onResponse hook below, health checks excluded.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'requestId',
    }),
    bodyLimit: 256 * 1024,
    trustProxy: options.config.http.trustProxy,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(options),
    adapter,
    {
      logger: silent ? false : new PinoLoggerService(logger),
      abortOnError: false,
      bodyParser: false, // JSON is parsed by the parser registered below
    },
  );

  app.enableCors(corsOptions(options.config));
  app.useWebSocketAdapter(new CorsIoAdapter(app, options.config));
  const fastify = app.getHttpAdapter().getInstance();
  // Web client (apps/web): the API's path prefixes, collected before any route is registered.
  const apiPrefixes = collectApiPrefixes(fastify);
  registerJsonBodyParser(fastify);
  fastify.setReplySerializer(serializeReply);
  if (options.config.tracing.endpoint) nameRequestSpans(fastify);
  const metrics = app.get(Metrics);
  // Callback hooks on every request: an async one costs a promise (and its async-context hooks).
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    done(null, payload);
  });
  // Events appended while serving a request carry its id as their correlation id. Set last
  // before the handler: the body is parsed in the socket's async context, not the request's.
  fastify.addHook('preHandler', (request, _reply, done) =>
    withCorrelation({ correlationId: request.id }, done),
  );
  const { onProblem } = options;
  if (onProblem) {
    fastify.addHook('onSend', async (request, reply, payload) => {
      const type = reply.getHeader('content-type');
      if (typeof payload !== 'string' || !String(type).startsWith('application/problem+json'))
        return;
      // Routes hidden from the OpenAPI document (the queue dashboard's) are not in the contract.
      if ((request.routeOptions.schema as { hide?: boolean } | undefined)?.hide) return;
      onProblem({
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        code: String((JSON.parse(payload) as { code?: unknown }).code),
      });
    });
  }
  registerCatalogFastPaths(fastify, app.get(QueryBus));
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    if (!QUIET_ROUTES.has(route)) {
      request.log.info(
        {
          method: request.method,
          url: request.url.split('?')[0],
          statusCode: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });

  await registerQueueBoard(fastify, {
    queues: app.get(JobQueues),
    verifier: app.get(TokenVerifier),
    sessionKey: boardSessionKey(options.config.guests.tokenSecret),
    nowSeconds: () => Math.floor(app.get<Clock>(CLOCK).now().getTime() / 1000),
  });

  if (options.config.http.docsEnabled) {
    registerAsyncApiDocument(fastify);
    SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
      jsonDocumentUrl: 'docs-json',
    });
  }
  // Web client (apps/web): the built pages and assets, never in the way of an API route.
  const webLogger = new Logger('WebClient');
  await serveWebClient(app, apiPrefixes, { log: (message) => webLogger.warn(message) });
  return app;
}

export { buildOpenApiDocument };
