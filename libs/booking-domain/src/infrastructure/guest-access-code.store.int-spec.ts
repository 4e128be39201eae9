import { randomUUID } from 'node:crypto';
import { BookingDataSource, createDataSource } from '@app/event-store';
import { GuestAccessCode } from './guest-access-code.entity';
import { GuestAccessCodeStore } from './guest-access-code.store';

/** The one-time codes through their TypeORM repository, against the test database. */
describe('GuestAccessCodeStore', () => {
  let dataSource: BookingDataSource;
  let store: GuestAccessCodeStore;
  const now = new Date('2026-11-29T10:00:00Z');
  const later = new Date('2026-11-29T10:10:00Z');

  beforeAll(async () => {
    dataSource = createDataSource({
      connectionString: process.env.DATABASE_URL!,
      poolSize: 4,
      entities: [GuestAccessCode],
    });
    await dataSource.initialize();
    store = new GuestAccessCodeStore(dataSource.getRepository(GuestAccessCode));
  });
  afterAll(() => dataSource?.destroy());

  it('counts attempts, accepts the right code once, and refuses it afterwards', async () => {
    const bookingId = randomUUID();
    await store.replace(bookingId, 'access', 'hash-1', later, now);
    expect(await store.check(bookingId, 'access', 'nope', 5, now)).toBe('wrong');
    expect(await store.check(bookingId, 'claim', 'hash-1', 5, now)).toBe('refused');
    expect(await store.check(bookingId, 'access', 'hash-1', 5, now)).toBe('accepted');
    expect(await store.check(bookingId, 'access', 'hash-1', 5, now)).toBe('refused');
    const row = await dataSource.getRepository(GuestAccessCode).findOneByOrFail({
      bookingId,
      purpose: 'access',
    });
    expect(row).toMatchObject({ attempts: 2, usedAt: now, expiresAt: later, createdAt: now });
  });

  it('refuses an expired or exhausted code; a new code voids the old one and resets the count', async () => {
    const bookingId = randomUUID();
    await store.replace(bookingId, 'claim', 'hash-1', later, now);
    expect(await store.check(bookingId, 'claim', 'hash-1', 5, later)).toBe('refused');
    expect(await store.check(bookingId, 'claim', 'x', 2, now)).toBe('wrong');
    expect(await store.check(bookingId, 'claim', 'x', 2, now)).toBe('wrong');
    expect(await store.check(bookingId, 'claim', 'hash-1', 2, now)).toBe('refused');
    await store.replace(bookingId, 'claim', 'hash-2', later, now);
    expect(await store.check(bookingId, 'claim', 'hash-1', 2, now)).toBe('wrong');
    expect(await store.check(bookingId, 'claim', 'hash-2', 2, now)).toBe('accepted');
  });

  it('lets only one of two simultaneous right answers through', async () => {
    const bookingId = randomUUID();
    await store.replace(bookingId, 'access', 'hash-1', later, now);
    const results = await Promise.all(
      [1, 2, 3].map(() => store.check(bookingId, 'access', 'hash-1', 5, now)),
    );
    expect(results.sort()).toEqual(['accepted', 'refused', 'refused']);
  });

  it('deletes used and expired codes, and keeps live ones', async () => {
    const [used, expired, live] = [randomUUID(), randomUUID(), randomUUID()];
    await store.replace(used, 'access', 'h', later, now);
    await store.check(used, 'access', 'h', 5, now);
    await store.replace(expired, 'access', 'h', now, now);
    await store.replace(live, 'access', 'h', new Date('2099-01-01T00:00:00Z'), now);
    expect(await store.deleteExpired(later)).toBeGreaterThanOrEqual(2);
    const left = await dataSource
      .getRepository(GuestAccessCode)
      .findBy([{ bookingId: used }, { bookingId: expired }, { bookingId: live }]);
    expect(left.map((c) => c.bookingId)).toEqual([live]);
  });
});
