import { loadConfig } from '@app/config';
import { RateLimiter } from '@app/redis';
import { GuestContactCheck } from './guest-contact.check';

/** The lockout of a reference, counted in memory (the limiter's mode without Redis). */
describe('GuestContactCheck lockouts', () => {
  afterEach(() => jest.useRealTimers());

  it('locks a reference for the window, then twice as long each time again', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T08:00:00Z') });
    const limiter = new RateLimiter(null);
    const config = loadConfig({
      GUEST_LOOKUP_MAX_FAILURES: '5',
      GUEST_LOOKUP_WINDOW_SECONDS: '60',
    });
    const check = new GuestContactCheck(undefined as never, undefined as never, limiter, config);
    const lock = () => limiter.peek('guest-lookup:ref-lock:BUS1');
    let address = 0;
    const failFiveTimes = async () => {
      for (let i = 0; i < 5; i++) await check.countAttempt('BUS1', `10.0.0.${address++}`);
    };

    await failFiveTimes();
    expect(await lock()).toEqual({ count: 1, retryAfterSeconds: 60 });
    jest.advanceTimersByTime(61_000);
    expect((await lock()).count).toBe(0);
    await failFiveTimes();
    expect(await lock()).toEqual({ count: 1, retryAfterSeconds: 120 });
    jest.advanceTimersByTime(121_000);
    await failFiveTimes();
    expect(await lock()).toEqual({ count: 1, retryAfterSeconds: 240 });
  });
});
