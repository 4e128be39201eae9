import { randomUUID } from 'node:crypto';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { confirmBooking, lockAndBook } from '../../../test/utils/bookings';
import { standardBus, tripFor } from '../../../test/utils/fixtures';
import { eventually } from '../../../test/utils/eventually';

/** The operator's buses and trips: list, edit before bookings, fares, closing sales. */
describe('Trips and buses (admin)', () => {
  let server: TestServer;
  let other: TestServer;
  let admin: string;
  beforeAll(async () => {
    const settings = { REDIS_URL: '', BOOKING_RATE_LIMIT_PER_MINUTE: '1000' };
    server = await startTestServer(settings);
    other = await startTestServer(settings);
    admin = await tokenFor(server.config, ['admin']);
  });
  afterAll(async () => {
    await server?.close();
    await other?.close();
  });

  async function busAndTrip() {
    const bus = await http(server.baseUrl, 'POST', '/admin/buses', {
      token: admin,
      body: standardBus(12),
    });
    const trip = await http(server.baseUrl, 'POST', '/admin/trips', {
      token: admin,
      body: tripFor(bus.body.id),
    });
    expect(trip.status).toBe(201);
    return { bus: bus.body, trip: trip.body };
  }

  it('lists and renames buses; every process shows the new name at once', async () => {
    const { bus, trip } = await busAndTrip();
    // The other process caches the trip (and its bus) first.
    expect((await http(other.baseUrl, 'GET', `/trips/${trip.id}`)).body.bus.name).toBe(bus.name);
    const listed = await http(server.baseUrl, 'GET', '/admin/buses?limit=100', { token: admin });
    expect(listed.body.items.some((b: { id: string }) => b.id === bus.id)).toBe(true);
    const user = await tokenFor(server.config, ['user']);
    expect((await http(server.baseUrl, 'GET', '/admin/buses', { token: user })).status).toBe(403);

    const name = `Renamed ${randomUUID().slice(0, 6)}`;
    const renamed = await http(server.baseUrl, 'PATCH', `/admin/buses/${bus.id}`, {
      token: admin,
      body: { name },
    });
    expect(renamed.body).toMatchObject({ id: bus.id, name, plateNumber: bus.plateNumber });
    const read = await http(server.baseUrl, 'GET', `/admin/buses/${bus.id}`, { token: admin });
    expect(read.body).toMatchObject({ id: bus.id, name, seats: bus.seats });
    const missing = await http(server.baseUrl, 'GET', `/admin/buses/${randomUUID()}`, {
      token: admin,
    });
    expect([missing.status, missing.body.code]).toEqual([404, 'bus.not_found']);
    const taken = await http(server.baseUrl, 'PATCH', `/admin/buses/${bus.id}`, {
      token: admin,
      body: {
        plateNumber: listed.body.items.find((b: { id: string }) => b.id !== bus.id).plateNumber,
      },
    });
    expect([taken.status, taken.body.code]).toEqual([409, 'bus.plate_number_taken']);
    const seen = await eventually(async () => {
      const read = await http(other.baseUrl, 'GET', `/trips/${trip.id}`);
      return read.body.bus.name === name ? read.body.bus.name : undefined;
    });
    expect(seen).toBe(name);
  });

  it('edits a trip until it has bookings, sets fares any time, and closes and opens sales', async () => {
    const { trip } = await busAndTrip();
    const path = `/admin/trips/${trip.id}`;
    const user = await tokenFor(server.config, ['user']);
    expect((await http(server.baseUrl, 'PATCH', path, { token: user, body: {} })).status).toBe(403);
    const badDate = await http(server.baseUrl, 'PATCH', path, {
      token: admin,
      body: { departureAt: 'soon' },
    });
    expect([badDate.status, badDate.body.errors[0].field]).toEqual([400, 'departureAt']);

    // No booking yet: route and times move (the arrival with the departure).
    const later = new Date(Date.parse(trip.departureAt) + 3600_000).toISOString();
    const edited = await http(server.baseUrl, 'PATCH', path, {
      token: admin,
      body: { departureAt: later, origin: 'Hải Phòng' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      origin: 'Hải Phòng',
      departureAt: later,
      arrivalAt: new Date(Date.parse(trip.arrivalAt) + 3600_000).toISOString(),
      salesOpen: true,
    });
    expect(edited.body.delay).toBeUndefined();

    // A hold: the bus may not change; a booking: nothing but fares and sales may.
    const { bus: otherBus } = await busAndTrip();
    const held = await lockAndBook(server.baseUrl, user, trip.id, ['S5']);
    expect(held.status).toBe(201);
    const refused = await http(server.baseUrl, 'PATCH', path, {
      token: admin,
      body: { destination: 'Huế' },
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'trip.has_bookings']);
    const hold = await http(server.baseUrl, 'POST', '/seats/lock', {
      token: user,
      body: { tripId: trip.id, seatNumbers: ['S6'] },
    });
    expect(hold.status).toBe(201);
    expect(
      (await http(server.baseUrl, 'PATCH', path, { token: admin, body: { busId: otherBus.id } }))
        .body.code,
    ).toBe('trip.has_bookings');

    // Fares: new bookings pay them, the booking made keeps its price.
    const fares = {
      standard: { amount: 350_000, currency: 'VND' },
      limousine: { amount: 500_000, currency: 'VND' },
    };
    const wrongCurrency = await http(server.baseUrl, 'PUT', `${path}/fares`, {
      token: admin,
      body: { ...fares, standard: { amount: 1, currency: 'USD' } },
    });
    expect([wrongCurrency.status, wrongCurrency.body.code]).toEqual([422, 'trip.fare_currency']);
    const priced = await http(server.baseUrl, 'PUT', `${path}/fares`, {
      token: admin,
      body: fares,
    });
    expect(priced.body.fares).toEqual(fares);
    const seats = await http(other.baseUrl, 'GET', `/trips/${trip.id}/seats`);
    expect(
      seats.body.seats.find((s: { seatNumber: string }) => s.seatNumber === 'S7').price,
    ).toEqual(fares.standard);
    const second = await lockAndBook(
      server.baseUrl,
      await tokenFor(server.config, ['user']),
      trip.id,
      ['S8'],
    );
    expect(second.body.priceBreakdown.lines[0].base).toEqual(fares.standard);
    const first = await http(server.baseUrl, 'GET', `/bookings/${held.body.bookingId}`, {
      token: user,
    });
    expect(first.body.priceBreakdown.total).toEqual(held.body.priceBreakdown.total);

    // Sales closed: nothing new, in any process; the pending booking may still be paid.
    const closed = await http(server.baseUrl, 'POST', `${path}/close-sales`, {
      token: admin,
      body: { reason: 'Reserved for a school group' },
    });
    expect(closed.body).toMatchObject({
      salesOpen: false,
      salesClosed: { reason: 'Reserved for a school group' },
    });
    const newcomer = await tokenFor(other.config, ['user']);
    const noHold = await http(other.baseUrl, 'POST', '/seats/lock', {
      token: newcomer,
      body: { tripId: trip.id, seatNumbers: ['S9'] },
    });
    expect([noHold.status, noHold.body.code]).toEqual([409, 'trip.sales_closed']);
    const noWait = await http(other.baseUrl, 'POST', `/trips/${trip.id}/waitlist`, {
      token: newcomer,
      body: { seats: 1, contact: { email: 'wait@example.com' } },
    });
    expect(noWait.body.code).toBe('trip.sales_closed');
    const paid = await confirmBooking(server.baseUrl, user, held.body.bookingId);
    expect(paid.status).toBe(200);
    expect((await http(other.baseUrl, 'GET', `/trips/${trip.id}`)).body.salesOpen).toBe(false);

    const opened = await http(server.baseUrl, 'POST', `${path}/open-sales`, { token: admin });
    expect(opened.body.salesOpen).toBe(true);
    const holdAgain = await http(other.baseUrl, 'POST', '/seats/lock', {
      token: newcomer,
      body: { tripId: trip.id, seatNumbers: ['S9'] },
    });
    expect(holdAgain.status).toBe(201);

    // The operator's list: seats booked and held.
    const listed = await http(
      server.baseUrl,
      'GET',
      `/admin/trips?origin=${encodeURIComponent('Hải Phòng')}&limit=100`,
      { token: admin },
    );
    expect(listed.body.items.find((t: { id: string }) => t.id === trip.id)).toMatchObject({
      seatsBooked: 2,
      seatsHeld: 2,
      salesOpen: true,
    });
  });

  it('moves a trip to another bus while nothing is held or booked', async () => {
    const { trip } = await busAndTrip();
    const { bus } = await busAndTrip();
    const moved = await http(server.baseUrl, 'PATCH', `/admin/trips/${trip.id}`, {
      token: admin,
      body: { busId: bus.id },
    });
    expect(moved.body.bus).toMatchObject({ id: bus.id, plateNumber: bus.plateNumber });
    const missing = await http(server.baseUrl, 'PATCH', `/admin/trips/${trip.id}`, {
      token: admin,
      body: { busId: randomUUID() },
    });
    expect([missing.status, missing.body.code]).toEqual([422, 'trip.unknown_bus']);
  });
});
