import { demoDepartures } from './demo-seed';

const HOUR = 3600_000;

describe('demoDepartures', () => {
  it('leaves at 08:00 and 21:00 local time, a full day away at least, whatever the hour', () => {
    for (let hour = 0; hour < 24; hour += 0.5) {
      const now = new Date(Date.UTC(2026, 11, 6) + hour * HOUR);
      const { morning, evening } = demoDepartures(now, 'Asia/Ho_Chi_Minh');
      const lead = morning.getTime() - now.getTime();
      expect([hour, lead >= 24 * HOUR && lead < 48 * HOUR]).toEqual([hour, true]);
      expect(morning.toISOString().slice(11, 16)).toBe('01:00'); // 08:00 in Vietnam
      expect(evening.getTime() - morning.getTime()).toBe(13 * HOUR);
    }
  });

  it('at 06:04 in Vietnam (23:04 UTC) leaves the next local day, not two hours later', () => {
    const now = new Date('2026-12-06T23:04:00Z'); // 06:04 on the 7th in Vietnam
    expect(demoDepartures(now, 'Asia/Ho_Chi_Minh')).toEqual({
      morning: new Date('2026-12-08T01:00:00Z'),
      evening: new Date('2026-12-08T14:00:00Z'),
    });
  });

  it('follows the zone, daylight saving included', () => {
    const { morning, evening } = demoDepartures(new Date('2026-03-27T20:00:00Z'), 'Europe/Berlin');
    expect(morning.toISOString()).toBe('2026-03-29T06:00:00.000Z'); // 08:00 CEST, summer time since 02:00
    expect(evening.toISOString()).toBe('2026-03-29T19:00:00.000Z');
    const india = demoDepartures(new Date('2026-12-06T12:00:00Z'), 'Asia/Kolkata');
    expect(india.morning.toISOString()).toBe('2026-12-08T02:30:00.000Z'); // 08:00 at +05:30
  });
});
