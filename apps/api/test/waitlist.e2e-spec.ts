import { randomUUID } from 'node:crypto';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { bookingRequest, lockAndBook } from '../../../test/utils/bookings';
import { createTrip, guestToken } from '../../../test/utils/catalog';
import { freePort } from '../../../test/utils/ports';
import { SeatFeedClient } from '../../../test/utils/seat-feed-client';
import { TestSmtpServer } from '../../../test/utils/smtp';

/** POST/GET/DELETE /trips/{tripId}/waitlist and the offers the worker's decisions make. */
describe('Waiting list of a full trip', () => {
  let smtp: TestSmtpServer;
  const servers: TestServer[] = [];
  const clients: SeatFeedClient[] = [];

  beforeAll(async () => {
    smtp = new TestSmtpServer(await freePort());
    await smtp.start();
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    for (const server of servers) await server.close();
    await smtp?.stop();
  });

  const start = async (overrides: Record<string, string> = {}) => {
    const server = await startTestServer(
      { SMTP_URL: smtp.url, REDIS_URL: '', BOOKING_RATE_LIMIT_PER_MINUTE: '1000', ...overrides },
      { withWorker: true },
    );
    servers.push(server);
    return server;
  };
  const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`not reached: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('offers a freed seat to the first party that fits: held, announced, mailed, and booked', async () => {
    const server = await start();
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin, 4);
    const carol = await tokenFor(server.config, ['user']);
    const full = await lockAndBook(server.baseUrl, carol, tripId, ['S1', 'S2', 'S3', 'S4']);
    expect(full.status).toBe(201);

    const aliceId = randomUUID();
    const alice = await tokenFor(server.config, ['user'], aliceId);
    const aliceMail = `alice.${aliceId}@example.com`;
    const bob = await guestToken(server.baseUrl);
    const path = `/trips/${tripId}/waitlist`;

    // Bad input is refused naming the field, and changes nothing.
    const bad = await http(server.baseUrl, 'POST', path, {
      token: alice,
      body: { seats: 0, contact: { email: 'nope' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'contact.email',
      'seats',
    ]);

    // Bob (a guest) wants two seats, Alice one, in that order.
    const bobJoined = await http(server.baseUrl, 'POST', path, {
      token: bob,
      body: { seats: 2, contact: { email: `bob.${aliceId}@example.com` } },
    });
    expect(bobJoined.status).toBe(201);
    expect(bobJoined.body).toMatchObject({ status: 'waiting', position: 1, seats: 2 });
    const joined = await http(server.baseUrl, 'POST', path, {
      token: alice,
      body: { seats: 1, contact: { email: aliceMail } },
    });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({
      tripId,
      status: 'waiting',
      position: 2,
      seats: 1,
      contactEmail: expect.stringMatching(/^a•••@example\.com$/),
    });
    const again = await http(server.baseUrl, 'POST', path, {
      token: alice,
      body: { seats: 1, contact: { email: aliceMail } },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'waitlist.already_joined',
      entryId: joined.body.entryId,
    });

    const feed = new SeatFeedClient(server.baseUrl, { token: alice });
    clients.push(feed);
    await feed.emit('subscribe', { tripId });

    // Carol drops one passenger: S3 is free, too few for Bob, so it is Alice's.
    const booking = full.body;
    const s3 = booking.passengers.find((p: { seatNumber: string }) => p.seatNumber === 'S3');
    const dropped = await http(
      server.baseUrl,
      'DELETE',
      `/bookings/${booking.bookingId}/passengers/${s3.passengerId}`,
      { token: carol },
    );
    expect(dropped.status).toBe(200);

    const announced = await feed.waitFor(
      'holds:changed',
      (c) => c.change === 'locked' && c.seatNumbers.includes('S3'),
    );
    const mine = await http(server.baseUrl, 'GET', path, { token: alice });
    expect(mine.body).toMatchObject({
      status: 'offered',
      offer: { lockId: announced.lockId, seatNumbers: ['S3'], holdStatus: 'active' },
    });
    expect((await http(server.baseUrl, 'GET', path, { token: bob })).body).toMatchObject({
      status: 'waiting',
      position: 1,
    });
    const seats = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats`, { token: alice });
    expect(
      seats.body.seats.find((s: { seatNumber: string }) => s.seatNumber === 'S3'),
    ).toMatchObject({ status: 'locked', heldByYou: true });

    // A walk-in cannot take it.
    const dave = await tokenFor(server.config, ['user']);
    const walkIn = await http(server.baseUrl, 'POST', '/seats/lock', {
      token: dave,
      body: { tripId, seatNumbers: ['S3'] },
    });
    expect(walkIn.status).toBe(409);

    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(aliceMail));
    expect(mail.subject).toMatch(/^Seats for you: /);
    expect(mail.messageId).toBe(`<waitlist-offer.${joined.body.entryId}@vexe.example>`);
    expect(mail.text).toContain('S3');
    expect(mail.text).toContain(`/trips/${tripId}?offer=${joined.body.entryId}`);
    expect(mail.text).not.toContain('#guest='); // a user signs in; no token in the mail

    const taken = await http(server.baseUrl, 'POST', '/bookings', {
      token: alice,
      body: bookingRequest(tripId, ['S3']),
    });
    expect(taken.status).toBe(201);
    expect((await http(server.baseUrl, 'GET', path, { token: alice })).body.offer.holdStatus).toBe(
      'booked',
    );

    // Ops see the list's length per trip.
    const metrics = await fetch(`${server.baseUrl}/metrics`).then((r) => r.text());
    expect(metrics).toContain(`waitlist_parties_waiting{trip_id="${tripId}"} 1`);

    // Bob leaves; leaving twice is 404.
    const left = await http(server.baseUrl, 'DELETE', path, { token: bob });
    expect(left.body).toEqual({ entryId: bobJoined.body.entryId, left: true });
    expect((await http(server.baseUrl, 'DELETE', path, { token: bob })).status).toBe(404);
    expect((await http(server.baseUrl, 'GET', path, { token: bob })).body.status).toBe('left');
  });

  it('refuses to list a party the free seats can seat now', async () => {
    const server = servers[0] ?? (await start());
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin, 4);
    const user = await tokenFor(server.config, ['user']);
    const refused = await http(server.baseUrl, 'POST', `/trips/${tripId}/waitlist`, {
      token: user,
      body: { seats: 2, contact: { email: 'early@example.com' } },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'waitlist.seats_available', free: 4 });
    expect(
      (await http(server.baseUrl, 'GET', `/trips/${tripId}/waitlist`, { token: user })).status,
    ).toBe(404);
  });

  it('gives guests from one address two places on a list, whatever their sessions', async () => {
    const server = servers[0] ?? (await start());
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin, 1);
    const carol = await tokenFor(server.config, ['user']);
    expect((await lockAndBook(server.baseUrl, carol, tripId, ['S1'])).status).toBe(201);
    const answers = [];
    for (let i = 0; i < 3; i++) {
      answers.push(
        await http(server.baseUrl, 'POST', `/trips/${tripId}/waitlist`, {
          token: await guestToken(server.baseUrl),
          body: { seats: 1, contact: { email: `bot.${i}@example.com` } },
        }),
      );
    }
    expect(answers.map((a) => a.status)).toEqual([201, 201, 422]);
    expect(answers[2].body.code).toBe('waitlist.guest_address_limit');
    // A signed-in traveller still gets a place.
    const user = await tokenFor(server.config, ['user']);
    const joined = await http(server.baseUrl, 'POST', `/trips/${tripId}/waitlist`, {
      token: user,
      body: { seats: 1, contact: { email: 'member@example.com' } },
    });
    expect(joined.body).toMatchObject({ status: 'waiting', position: 3 });
  });

  it('lets a guest take an offer through the e-mailed link; an offer not taken lapses', async () => {
    // Time for the mail and the guest's steps before the offer lapses.
    const server = await start({ WAITLIST_OFFER_SECONDS: '8' });
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin, 2);
    const carol = await tokenFor(server.config, ['user']);
    const full = await lockAndBook(server.baseUrl, carol, tripId, ['S1', 'S2']);
    expect(full.status).toBe(201);

    const tag = randomUUID();
    const alice = await tokenFor(server.config, ['user']);
    const guest = await guestToken(server.baseUrl);
    const path = `/trips/${tripId}/waitlist`;
    for (const [token, email] of [
      [alice, `alice.${tag}@example.com`],
      [guest, `guest.${tag}@example.com`],
    ]) {
      const joined = await http(server.baseUrl, 'POST', path, {
        token,
        body: { seats: 1, contact: { email } },
      });
      expect(joined.status).toBe(201);
    }

    // The whole booking is cancelled: one seat goes to Alice, the other to the guest.
    expect(
      (await http(server.baseUrl, 'DELETE', `/bookings/${full.body.bookingId}`, { token: carol }))
        .status,
    ).toBe(200);
    const toAlice = await http(server.baseUrl, 'GET', path, { token: alice });
    expect(toAlice.body.offer.seatNumbers).toHaveLength(1);
    const [guestSeat] = ['S1', 'S2'].filter((s) => s !== toAlice.body.offer.seatNumbers[0]);
    const first = await smtp.waitFor((m) => JSON.stringify(m.to).includes(`guest.${tag}`));
    expect(first.text).toContain(guestSeat);

    // The guest opens the link: its fragment carries a token of the guest's session, which
    // holds the seat and books it.
    const link = /https?:\/\/\S+/.exec(first.text!)![0];
    const url = new URL(link);
    expect(url.pathname).toBe(`/trips/${tripId}`);
    const token = new URLSearchParams(url.hash.slice(1)).get('guest')!;
    const status = await http(server.baseUrl, 'GET', path, { token });
    expect(status.body).toMatchObject({ status: 'offered', offer: { seatNumbers: [guestSeat] } });
    const booked = await http(server.baseUrl, 'POST', '/bookings', {
      token,
      body: bookingRequest(tripId, [guestSeat]),
    });
    expect(booked.status).toBe(201);

    // Alice lets hers lapse; nobody else waits, so her seat is on sale again after its expiry.
    await until(
      () => http(server.baseUrl, 'GET', path, { token: alice }),
      (r) => r.body.offer.holdStatus === 'expired',
      20_000,
    );
    const seats = await http(server.baseUrl, 'GET', `/trips/${tripId}/seats`);
    expect(seats.body.seats.map((x: { status: string }) => x.status).sort()).toEqual([
      'available',
      'booked',
    ]);
  });

  it('passes a lapsed offer to the next party in line', async () => {
    const server = servers.find((s) => s.config.seatHolds.waitlistOfferSeconds === 8)!;
    const admin = await tokenFor(server.config, ['admin']);
    const tripId = await createTrip(server.baseUrl, admin, 1);
    const carol = await tokenFor(server.config, ['user']);
    const full = await lockAndBook(server.baseUrl, carol, tripId, ['S1']);
    const path = `/trips/${tripId}/waitlist`;
    const first = await tokenFor(server.config, ['user']);
    const second = await tokenFor(server.config, ['user']);
    for (const token of [first, second]) {
      await http(server.baseUrl, 'POST', path, {
        token,
        body: { seats: 1, contact: { email: `next.${randomUUID()}@example.com` } },
      });
    }
    await http(server.baseUrl, 'DELETE', `/bookings/${full.body.bookingId}`, { token: carol });
    expect((await http(server.baseUrl, 'GET', path, { token: first })).body.status).toBe('offered');
    expect((await http(server.baseUrl, 'GET', path, { token: second })).body).toMatchObject({
      status: 'waiting',
      position: 1,
    });
    // The first party does nothing: after the offer time the seat is the second party's.
    const offered = await until(
      () => http(server.baseUrl, 'GET', path, { token: second }),
      (r) => r.body.status === 'offered',
      20_000,
    );
    expect(offered.body.offer).toMatchObject({ seatNumbers: ['S1'], holdStatus: 'active' });
    expect((await http(server.baseUrl, 'GET', path, { token: first })).body.offer.holdStatus).toBe(
      'expired',
    );
  });
});
