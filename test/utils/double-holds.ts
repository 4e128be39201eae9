interface AllocationEventRow {
  type: string;
  data: any;
  stream_position: number;
}

/**
 * Replays a trip's allocation stream and reports every moment a seat was held by two holders:
 * a SeatsLocked whose seat was still held, unexpired, by another holder at the time of locking.
 */
export function findDoubleHolds(events: AllocationEventRow[]): string[] {
  const holds = new Map<string, { holder: string; seats: Set<string>; expiresAt: number }>();
  const problems: string[] = [];
  for (const event of events) {
    const d = event.data;
    switch (event.type) {
      case 'SeatsLocked': {
        const now = new Date(d.lockedAt).getTime();
        const holder = `${d.holder.kind}:${d.holder.id}`;
        for (const moved of d.transferredFrom) {
          const previous = holds.get(moved.lockId);
          for (const seat of moved.seatNumbers) previous?.seats.delete(seat);
        }
        for (const [lockId, hold] of holds) {
          if (hold.holder === holder || hold.expiresAt <= now) continue;
          for (const seat of d.seatNumbers) {
            if (hold.seats.has(seat)) {
              problems.push(
                `seat ${seat}: ${d.lockId} (#${event.stream_position}) while ${lockId} held it`,
              );
            }
          }
        }
        holds.set(d.lockId, {
          holder,
          seats: new Set(d.seatNumbers),
          expiresAt: new Date(d.expiresAt).getTime(),
        });
        break;
      }
      case 'SeatLockExtended': {
        const hold = holds.get(d.lockId);
        if (hold) hold.expiresAt = new Date(d.expiresAt).getTime();
        break;
      }
      case 'SeatLockReleased':
      case 'SeatLockExpired':
        holds.delete(d.lockId);
        break;
    }
  }
  return problems;
}
