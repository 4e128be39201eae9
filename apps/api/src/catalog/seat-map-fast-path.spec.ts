import Fastify, { FastifyInstance } from 'fastify';
import type { QueryBus } from '@nestjs/cqrs';
import type { SeatMapView } from '@app/seating';
import { serializeReply } from '../http/shared-answers';
import { registerSeatMapFastPath } from './seat-map-fast-path';

const TRIP = '6f1c2a9e-3b7d-4c1e-9a52-0d8e4f7b2c13';
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

describe('the anonymous seat map, answered once routed', () => {
  let app: FastifyInstance;
  let reads: string[];
  let exact: boolean;

  beforeEach(async () => {
    reads = [];
    exact = true;
    app = Fastify();
    app.setReplySerializer(serializeReply);
    const queries = {
      execute: async (query: { tripId: string }) => {
        reads.push(query.tripId);
        if (query.tripId !== TRIP) throw new Error('trip.not_found');
        return { seatMap, versionIsExact: exact };
      },
    } as unknown as QueryBus;
    registerSeatMapFastPath(app, queries);
    // What the controller would answer: anything the fast path leaves alone gets here.
    app.get('/trips/:tripId/seats', async () => ({ from: 'controller' }));
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

  it('leaves to the controller what needs checking, and any failure', async () => {
    for (const [url, headers] of [
      [`/trips/${TRIP}/seats`, { authorization: 'Bearer x' }],
      [`/trips/${TRIP}/seats?sinceVersion=3`, {}],
      [`/trips/${TRIP.toUpperCase()}/seats`, {}],
      ['/trips/not-a-uuid/seats', {}],
      ['/trips/00000000-0000-4000-8000-000000000000/seats', {}],
    ] as const) {
      const answer = await get(url, headers);
      expect([url, answer.json()]).toEqual([url, { from: 'controller' }]);
    }
    // Only the unknown trip was read (and failed); the others were never read here.
    expect(reads).toEqual(['00000000-0000-4000-8000-000000000000']);
  });
});
