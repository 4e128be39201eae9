import { findDoubleHolds } from './double-holds';

const locked = (
  position: number,
  lockId: string,
  holder: string,
  seats: string[],
  lockedAt: string,
  expiresAt: string,
) => ({
  type: 'SeatsLocked',
  stream_position: position,
  data: {
    lockId,
    holder: { kind: 'user', id: holder },
    seatNumbers: seats,
    lockedAt,
    expiresAt,
    transferredFrom: [],
  },
});

describe('findDoubleHolds', () => {
  it('reports a seat locked while another holder’s hold was live', () => {
    const events = [
      locked(1, 'L1', 'a', ['A1', 'A2'], '2026-01-01T00:00:00Z', '2026-01-01T00:15:00Z'),
      locked(2, 'L2', 'b', ['A2'], '2026-01-01T00:05:00Z', '2026-01-01T00:20:00Z'),
    ];
    expect(findDoubleHolds(events)).toEqual(['seat A2: L2 (#2) while L1 held it']);
  });

  it('accepts re-locking after expiry or release, and the same holder re-locking', () => {
    const events = [
      locked(1, 'L1', 'a', ['A1'], '2026-01-01T00:00:00Z', '2026-01-01T00:15:00Z'),
      locked(2, 'L2', 'b', ['A1'], '2026-01-01T00:15:00Z', '2026-01-01T00:30:00Z'),
      { type: 'SeatLockReleased', stream_position: 3, data: { lockId: 'L2' } },
      locked(4, 'L3', 'c', ['A1'], '2026-01-01T00:16:00Z', '2026-01-01T00:31:00Z'),
      locked(5, 'L4', 'c', ['A1'], '2026-01-01T00:17:00Z', '2026-01-01T00:32:00Z'),
    ];
    expect(findDoubleHolds(events)).toEqual([]);
  });
});
