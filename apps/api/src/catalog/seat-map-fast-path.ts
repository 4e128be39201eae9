import type { QueryBus } from '@nestjs/cqrs';
import type { FastifyInstance } from 'fastify';
import { GetSeatMapQuery } from '@app/seating';
import { sendSeatMap, wholeMapAnswer } from './seat-map-answer';

const ROUTE = '/trips/:tripId/seats';
const LOWER_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The anonymous whole seat map (the most frequent request of all: every visitor polls or
 * reloads it) answered as soon as it is routed, without Nest's guards, pipes and handler
 * plumbing, which cost more than the answer itself (the 304 most of all). Only requests with
 * nothing to check are taken: no token, no query string, a lower-case UUID. They are read with
 * the same query and answered by the same function as TripsController.getSeatMap, so the body,
 * the ETag, the 304 and read-your-writes are the same; the hooks that log, count, add CORS and
 * the request id run as for any route. Anything else, and any failure (an unknown trip), goes on
 * to the controller, which answers as it always does.
 */
export function registerSeatMapFastPath(fastify: FastifyInstance, queries: QueryBus): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== ROUTE || request.method !== 'GET') return;
    if (request.headers.authorization !== undefined || request.url.includes('?')) return;
    const { tripId } = request.params as { tripId: string };
    if (!LOWER_CASE_UUID.test(tripId)) return;
    const read = await queries.execute(new GetSeatMapQuery(tripId)).catch(() => undefined);
    if (!read) return;
    await sendSeatMap(reply, wholeMapAnswer(read), request.headers['if-none-match']);
    return reply;
  });
}
