import { isPrivateAddress, webhookUrlProblems } from './destination';
import { nextAttemptAt } from './retry-schedule';
import { webhookOf } from './webhook-events';
import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures (Standard Webhooks)', () => {
  it('signs id, timestamp and body with the secret’s bytes; a receiver verifies it', () => {
    // The Standard Webhooks reference vector.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    const signature = signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body);
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    const headers = { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: '1614265330', signature };
    expect(verifyWebhook(secret, headers, body)).toBe(true);
    expect(verifyWebhook(secret, headers, body.replace('2', '3'))).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), headers, body)).toBe(false);
  });

  it('makes 32-byte secrets', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
  });
});

describe('retries', () => {
  const first = new Date('2026-12-06T00:00:00Z');
  const policy = { baseSeconds: 10, windowSeconds: 3 * 24 * 3600 };
  const after = (seconds: number) => new Date(first.getTime() + seconds * 1000);

  it('wait twice as long each time, at most 6 hours', () => {
    expect(nextAttemptAt(1, first, first, policy)).toEqual(after(10));
    expect(nextAttemptAt(2, first, after(10), policy)).toEqual(after(30));
    expect(nextAttemptAt(3, first, after(30), policy)).toEqual(after(70));
    expect(nextAttemptAt(20, first, after(3600), policy)).toEqual(after(3600 + 6 * 3600));
  });

  it('end after the window (3 days)', () => {
    expect(nextAttemptAt(20, first, after(3 * 24 * 3600 - 60), policy)).toBeNull();
  });
});

describe('webhook destinations (SSRF)', () => {
  it('knows loopback, private, link-local and mapped addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      'not-an-address',
    ]) {
      expect([address, isPrivateAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111']) {
      expect([address, isPrivateAddress(address)]).toEqual([address, false]);
    }
  });

  it('refuses what is wrong before any lookup', () => {
    const production = { requireHttps: true, allowPrivate: false };
    const rules = (url: string) => webhookUrlProblems(url, production).map((p) => p.rule);
    expect(rules('https://erp.example.com/hooks')).toEqual([]);
    expect(rules('http://erp.example.com/hooks')).toEqual(['https']);
    expect(rules('ftp://erp.example.com/')).toEqual(['url']);
    expect(rules('not a url')).toEqual(['url']);
    expect(rules('https://user:pw@erp.example.com/')).toEqual(['no_credentials']);
    expect(rules('https://127.0.0.1/')).toEqual(['public_address']);
    expect(rules('https://[::1]:8443/')).toEqual(['public_address']);
    expect(rules('https://localhost/')).toEqual(['public_address']);
    expect(
      webhookUrlProblems('http://127.0.0.1:9000/', { requireHttps: false, allowPrivate: true }),
    ).toEqual([]);
  });
});

describe('webhook messages', () => {
  const event = (type: string, data: Record<string, unknown>) => ({
    type,
    data,
    eventId: '6f1c2a9e-3b7d-4c1e-9a52-0d8e4f7b2c13',
    occurredAt: '2026-12-06T08:00:00.000Z',
    streamPosition: 3,
  });

  it('are keyed by booking, in its stream’s order, without personal data', () => {
    const created = webhookOf(
      event('BookingCreated', {
        bookingId: 'b-1',
        reference: 'BUS1',
        tripId: 't-1',
        owner: { kind: 'guest', id: 'g' },
        seatNumbers: ['A1'],
        passengers: [{ fullName: 'Nguyễn Thị Ánh', phone: 'pii:sealed' }],
        contact: { email: 'pii:sealed', emailMasked: 'a•••@x' },
        price: { total: { amount: 495_000, currency: 'VND' } },
        createdAt: '2026-12-06T08:00:00.000Z',
        expiresAt: '2026-12-06T08:15:00.000Z',
        departureAt: '2026-12-07T08:00:00.000Z',
      }),
      { reference: 'BUS1', tripId: 't-1' },
    )!;
    expect(created).toMatchObject({
      type: 'booking.created',
      orderingKey: 'booking:b-1',
      sequence: 3,
      data: {
        bookingId: 'b-1',
        reference: 'BUS1',
        tripId: 't-1',
        channel: 'guest',
        seatNumbers: ['A1'],
        total: { amount: 495_000, currency: 'VND' },
      },
    });
    expect(JSON.stringify(created)).not.toMatch(/Nguyễn|pii:|a•••/);
  });

  it('are keyed by trip for trip events; other events make none', () => {
    expect(
      webhookOf(event('TripCancelled', { tripId: 't-1', reason: 'x', cancelledAt: 'now' })),
    ).toMatchObject({ type: 'trip.cancelled', orderingKey: 'trip:t-1' });
    expect(webhookOf(event('SeatsLocked', { tripId: 't-1' }))).toBeNull();
    expect(webhookOf(event('TicketEmailed', { bookingId: 'b-1' }))).toBeNull();
  });
});
