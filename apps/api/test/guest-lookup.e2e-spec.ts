import { randomUUID } from 'node:crypto';
import { http, startTestServer, TestServer, tokenFor } from '../../../test/utils/api-server';
import { lockAndBook } from '../../../test/utils/bookings';
import { createTrip, guestToken } from '../../../test/utils/catalog';

describe('Guest booking lookup', () => {
  let server: TestServer;
  let reference: string;
  let limitedReference: string;
  // Failure counters live in Redis for the whole window: fresh addresses for every run.
  const net = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const unknownReference = () =>
    `BUS20261125${randomUUID().replace(/-/g, '').slice(0, 11).toUpperCase()}`;

  beforeAll(async () => {
    server = await startTestServer({ BOOKING_RATE_LIMIT_PER_MINUTE: '1000' });
    const admin = await tokenFor(server.config, ['admin']);
    const guest = await guestToken(server.baseUrl);
    const tripId = await createTrip(server.baseUrl, admin);
    const created = await lockAndBook(server.baseUrl, guest, tripId, ['S2'], {
      contact: { email: 'Guest.Person@Example.com', phone: '0912 345 678' },
    });
    expect(created.status).toBe(201);
    reference = created.body.bookingReference;
    const other = await lockAndBook(server.baseUrl, guest, tripId, ['S3'], {
      contact: { email: 'Guest.Person@Example.com', phone: '0912 345 678' },
    });
    limitedReference = other.body.bookingReference;
  });
  afterAll(() => server?.close()); // undefined when beforeAll failed

  // Each case from its own client address: the failure limit counts per address too.
  const lookup = (query: string, ip: string) =>
    http(server.baseUrl, 'GET', `/bookings/guest/lookup?${query}`, {
      headers: { 'x-forwarded-for': ip },
    });

  it('finds the booking by reference and e-mail or phone, tolerant of formatting, masked', async () => {
    const typed = `${reference.slice(0, 3)}-${reference.slice(3)}`.toLowerCase();
    const byEmail = await lookup(
      `reference=${encodeURIComponent(typed)}&email=${encodeURIComponent(' guest.person@EXAMPLE.com ')}`,
      `${net}.1`,
    );
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toMatchObject({ bookingReference: reference, guest: true, masked: true });
    expect(byEmail.body.contact.email).toBe('g•••@example.com');
    expect(JSON.stringify(byEmail.body)).not.toContain('guest.person');
    const byPhone = await lookup(
      `reference=${reference}&phone=${encodeURIComponent('+84 (912) 345-678')}`,
      `${net}.1`,
    );
    expect(byPhone.status).toBe(200);
  });

  it('answers every mismatch with the same 404 body', async () => {
    const wrongReference = await lookup(
      `reference=${unknownReference()}&email=guest.person@example.com`,
      `${net}.2`,
    );
    const wrongEmail = await lookup(`reference=${reference}&email=other@example.com`, `${net}.3`);
    const bothWrong = await lookup(`reference=${unknownReference()}&phone=0900000000`, `${net}.4`);
    for (const answer of [wrongReference, wrongEmail, bothWrong]) expect(answer.status).toBe(404);
    expect(JSON.stringify(wrongEmail.body)).toBe(JSON.stringify(wrongReference.body));
    expect(JSON.stringify(bothWrong.body)).toBe(JSON.stringify(wrongReference.body));
    expect(JSON.stringify(wrongEmail.body)).not.toContain(reference);
  });

  it('locks a reference after five failures, but not for a right contact from an address that has not failed', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await lookup(
        `reference=${limitedReference}&email=wrong${i}@example.com`,
        `${net}.${10 + i}`,
      );
      statuses.push(answer.status);
      if (answer.status === 429)
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    // Anyone who knows a reference could fail on purpose: its owner is not locked out…
    const owner = await lookup(
      `reference=${limitedReference}&email=guest.person@example.com`,
      `${net}.20`,
    );
    expect(owner.status).toBe(200);
    // …while an address that failed is, even with the right contact.
    const failed = await lookup(
      `reference=${limitedReference}&email=guest.person@example.com`,
      `${net}.12`,
    );
    expect(failed.status).toBe(429);
    expect(Number(failed.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits failed attempts per client address as well', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await lookup(
        `reference=${unknownReference()}&email=a@example.com`,
        `${net}.30`,
      );
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
  });

  it('wants exactly one of e-mail and phone', async () => {
    for (const query of [
      `reference=${reference}`,
      `reference=${reference}&email=a@b.co&phone=0912345678`,
      'email=a@b.co',
    ]) {
      const answer = await lookup(query, `${net}.40`);
      expect(answer.status).toBe(400);
    }
  });
});
