import { zonedIsoToLocal, zonedLocalToIso } from './zoned-time';

describe('wall-clock times in the catalog time zone', () => {
  it('reads a datetime-local value in Hồ Chí Minh City (UTC+7), whatever the browser’s zone', () => {
    expect(zonedLocalToIso('2026-12-01T21:30', 'Asia/Ho_Chi_Minh')).toBe(
      '2026-12-01T14:30:00.000Z',
    );
    // across midnight: 05:00 local is the day before in UTC
    expect(zonedLocalToIso('2026-01-01T05:00', 'Asia/Ho_Chi_Minh')).toBe(
      '2025-12-31T22:00:00.000Z',
    );
    expect(zonedLocalToIso('2026-12-01T21:30:15', 'Asia/Ho_Chi_Minh')).toBe(
      '2026-12-01T14:30:15.000Z',
    );
  });

  it('writes an instant as the zone’s wall clock', () => {
    expect(zonedIsoToLocal('2026-12-01T14:30:00Z', 'Asia/Ho_Chi_Minh')).toBe('2026-12-01T21:30');
    expect(zonedIsoToLocal('2025-12-31T22:00:00.000Z', 'Asia/Ho_Chi_Minh')).toBe(
      '2026-01-01T05:00',
    );
    expect(zonedIsoToLocal('2026-12-01T14:30:00Z', 'UTC')).toBe('2026-12-01T14:30');
  });

  it('follows daylight saving time where there is one', () => {
    // Berlin: +01:00 in winter, +02:00 in summer
    expect(zonedLocalToIso('2026-01-15T10:00', 'Europe/Berlin')).toBe('2026-01-15T09:00:00.000Z');
    expect(zonedLocalToIso('2026-07-15T10:00', 'Europe/Berlin')).toBe('2026-07-15T08:00:00.000Z');
    // 29 March 2026 02:30 does not exist (02:00 → 03:00): read with the offset before the change
    expect(zonedLocalToIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    // 25 October 2026 02:30 happens twice: the earlier one
    expect(zonedLocalToIso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedLocalToIso('2026-03-20T18:45', 'America/New_York')).toBe(
      '2026-03-20T22:45:00.000Z',
    );
  });

  it('round-trips', () => {
    for (const iso of ['2026-06-01T00:00:00.000Z', '2026-11-30T16:59:00.000Z']) {
      for (const zone of ['Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/Los_Angeles']) {
        expect(zonedLocalToIso(zonedIsoToLocal(iso, zone), zone)).toBe(iso);
      }
    }
  });

  it('refuses what is not a time', () => {
    for (const text of ['', 'tomorrow', '2026-02-30T10:00', '2026-12-01T24:00', '2026-12-01']) {
      expect(zonedLocalToIso(text, 'Asia/Ho_Chi_Minh')).toBeUndefined();
    }
  });
});
