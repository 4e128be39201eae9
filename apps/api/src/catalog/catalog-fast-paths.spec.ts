import Fastify, { FastifyInstance } from 'fastify';
import type { QueryBus } from '@nestjs/cqrs';
import { DomainError } from '@app/errors';
import { ListTripsQuery, type SeatMapView } from '@app/seating';
import { serializeReply } from '../http/shared-answers';
import { createValidationPipe } from '../http/validation';
import { registerCatalogFastPaths } from './catalog-fast-paths';
import { ListTripsRequest } from './catalog.dto';

const TRIP = '6f1c2a9e-3b7d-4c1e-9a52-0d8e4f7b2c13';
const UNKNOWN_TRIP = '00000000-0000-4000-8000-000000000000';
const seatMap: SeatMapView = {
  tripId: TRIP,
  version: 7,
  seats: [
    {
      seatNumber: 'A1',
      deck: 1,
      row: 1,
      col: 1,
      type: 'standard',
      accessible: false,
      price: { amount: 250_000, currency: 'VND' },
      status: 'available',
      heldByYou: false,
    },
  ],
};

describe('the catalog’s hot reads, answered once routed', () => {
  let app: FastifyInstance;
  let reads: string[];
  let lists: object[];
  let exact: boolean;

  beforeEach(async () => {
    reads = [];
    lists = [];
    exact = true;
    app = Fastify();
    app.setReplySerializer(serializeReply);
    const queries = {
      execute: async (query: { tripId: string }) => {
        if (query instanceof ListTripsQuery) {
          lists.push(query.filter);
          return { items: [], total: 0, limit: 20, offset: 0 };
        }
        reads.push(query.tripId);
        if (query.tripId === UNKNOWN_TRIP)
          throw new DomainError('trip.not_found', `Trip ${query.tripId} does not exist.`);
        if (query.tripId !== TRIP) throw new Error('connection lost');
        return { seatMap, versionIsExact: exact };
      },
    } as unknown as QueryBus;
    // The app's exception filter answers what Fastify's error handler is given.
    app.setErrorHandler(async (error: DomainError, _request, reply) =>
      reply.status(404).send({ from: 'exception filter', code: error.code }),
    );
    registerCatalogFastPaths(app, queries);
    // What the controller would answer: anything the fast paths leave alone gets here.
    app.get('/trips/:tripId/seats', async () => ({ from: 'controller' }));
    app.get('/trips', async () => ({ from: 'controller' }));
    await app.ready();
  });
  afterEach(() => app.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  it('answers the map with its ETag, and 304 while the ETag is current and exact', async () => {
    const map = await get(`/trips/${TRIP}/seats`);
    expect(map.statusCode).toBe(200);
    expect(map.json()).toEqual({ kind: 'map', ...seatMap });
    expect(map.headers).toMatchObject({
      etag: '"7"',
      'cache-control': 'private, no-cache',
      vary: 'Authorization',
    });
    const unchanged = await get(`/trips/${TRIP}/seats`, { 'if-none-match': 'W/"6", "7"' });
    expect([unchanged.statusCode, unchanged.body, unchanged.headers.etag]).toEqual([
      304,
      '',
      '"7"',
    ]);
    // A hold lapsed unrecorded: the map changed, the version did not; the map again.
    exact = false;
    expect((await get(`/trips/${TRIP}/seats`, { 'if-none-match': '"7"' })).statusCode).toBe(200);
  });

  it('leaves to the controller what needs checking, and a read that failed', async () => {
    const failing = '11111111-1111-4111-8111-111111111111';
    for (const [url, headers] of [
      [`/trips/${TRIP}/seats`, { authorization: 'Bearer x' }],
      [`/trips/${TRIP}/seats?sinceVersion=3`, {}],
      [`/trips/${TRIP.toUpperCase()}/seats`, {}],
      ['/trips/not-a-uuid/seats', {}],
      [`/trips/${failing}/seats`, {}],
    ] as const) {
      const answer = await get(url, headers);
      expect([url, answer.json()]).toEqual([url, { from: 'controller' }]);
    }
    // Only the failing read was made (the controller reads again); the others were never read.
    expect(reads).toEqual([failing]);
  });

  it('answers a refusal (an unknown trip) through the exception filter, read once', async () => {
    const answer = await get(`/trips/${UNKNOWN_TRIP}/seats`);
    expect([answer.statusCode, answer.json()]).toEqual([
      404,
      { from: 'exception filter', code: 'trip.not_found' },
    ]);
    expect(reads).toEqual([UNKNOWN_TRIP]);
  });

  it('lists trips for a query string the validation pipe has accepted before, and only then', async () => {
    const query = { origin: 'Hà Nội', limit: '20' };
    const url = `/trips?origin=${encodeURIComponent('Hà Nội')}&limit=20`;
    expect((await get(url)).json()).toEqual({ from: 'controller' }); // not validated yet
    await createValidationPipe().transform(query, { type: 'query', metatype: ListTripsRequest });
    const page = await get(url);
    expect([page.statusCode, page.json()]).toEqual([
      200,
      { items: [], total: 0, limit: 20, offset: 0 },
    ]);
    expect(lists).toEqual([{ origin: 'Hà Nội', limit: 20 }]);
    expect(lists[0]).toBeInstanceOf(ListTripsRequest);
    // The same query with a token, or another query: the controller.
    expect((await get(url, { authorization: 'Bearer x' })).json()).toEqual({ from: 'controller' });
    expect((await get(`${url}&offset=20`)).json()).toEqual({ from: 'controller' });
    expect(lists).toHaveLength(1);
  });
});
