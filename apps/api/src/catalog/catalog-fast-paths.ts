import type { QueryBus } from '@nestjs/cqrs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@app/errors';
import { GetSeatMapQuery, ListTripsQuery } from '@app/seating';
import { sharedAnswer } from '../http/shared-answers';
import { rememberedQuery } from '../http/validation';
import { ListTripsRequest } from './catalog.dto';
import { sendSeatMap, wholeMapAnswer } from './seat-map-answer';

const LOWER_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Answers the request and says true, or says false to leave it to the controller. */
type FastPath = (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;

/**
 * A read that failed: a refusal (an unknown trip) is thrown on, to be answered as the controller
 * would (Fastify hands it to the same exception filter), not read a second time there; any other
 * failure leaves the request to the controller.
 */
function refusalOrNothing(error: unknown): undefined {
  if (error instanceof DomainError) throw error;
  return undefined;
}

/**
 * The catalog's most frequent reads, answered as soon as Fastify has routed them, without Nest's
 * guard, pipes and handler plumbing, which cost more than the answers themselves: the anonymous
 * whole seat map (and its 304) and the trip list or search. Only requests with nothing left to
 * check are taken — no Authorization header (a token is verified by the guard, 401 when it is
 * not valid), a lower-case UUID and no query string for a seat map, a query string the
 * validation pipe has already accepted for a list — and they are read with the same queries and
 * answered like the controller (TripsController), so bodies, ETags, 304s and read-your-writes
 * are the same. The hooks that add CORS headers and the request id, count and log run as for any
 * route. Anything else goes on to the controller, and so does a read that failed for any reason
 * but a refusal.
 */
export function registerCatalogFastPaths(fastify: FastifyInstance, queries: QueryBus): void {
  const seatMap: FastPath = async (request, reply) => {
    const { tripId } = request.params as { tripId: string };
    if (request.url.includes('?') || !LOWER_CASE_UUID.test(tripId)) return false;
    const read = await queries.execute(new GetSeatMapQuery(tripId)).catch(refusalOrNothing);
    if (!read) return false;
    await sendSeatMap(reply, wholeMapAnswer(read), request.headers['if-none-match']);
    return true;
  };
  const tripList: FastPath = async (request, reply) => {
    const filter = rememberedQuery(ListTripsRequest, request.query);
    if (!filter) return false;
    const page = await queries.execute(new ListTripsQuery(filter)).catch(refusalOrNothing);
    if (!page) return false;
    await reply.send(sharedAnswer(page));
    return true;
  };
  const paths = new Map<string | undefined, FastPath>([
    ['/trips/:tripId/seats', seatMap],
    ['/trips', tripList],
  ]);
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.headers.authorization !== undefined) return;
    const path = paths.get(request.routeOptions.url);
    if (path && (await path(request, reply))) return reply;
  });
}
