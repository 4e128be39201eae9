import { Holder, SeatAllocationEvent } from './seat-allocation.events';
import { SeatAllocation } from './seat-allocation.state';

/** What a holder's other tabs hear about one of their holds. */
export interface HoldChange {
  tripId: string;
  /** The seat allocation version this change produced. */
  version: number;
  lockId: string;
  change: 'locked' | 'extended' | 'released' | 'expired';
  seatNumbers: string[];
  expiresAt?: string;
  /** Seats moved into this hold from the holder's older holds. */
  transferredFrom?: { lockId: string; seatNumbers: string[] }[];
}

/**
 * The holder an event concerns and what changed for them. Events recorded before they carried
 * the holder are resolved from the state before the event, when it is known.
 */
export function holdChangeOf(
  event: SeatAllocationEvent,
  version: number,
  before?: SeatAllocation,
): { holder: Holder; change: HoldChange } | null {
  const { tripId, lockId } = event.data;
  const known = before?.holds.get(lockId);
  switch (event.type) {
    case 'SeatsLocked':
      return {
        holder: event.data.holder,
        change: {
          tripId,
          version,
          lockId,
          change: 'locked',
          seatNumbers: event.data.seatNumbers,
          expiresAt: event.data.expiresAt,
          transferredFrom: event.data.transferredFrom,
        },
      };
    case 'SeatLockExtended': {
      const holder = event.data.holder ?? known?.holder;
      if (!holder) return null;
      return {
        holder,
        change: {
          tripId,
          version,
          lockId,
          change: 'extended',
          seatNumbers: event.data.seatNumbers ?? known?.seatNumbers ?? [],
          expiresAt: event.data.expiresAt,
        },
      };
    }
    case 'SeatLockReleased':
    case 'SeatLockExpired': {
      const holder = event.data.holder ?? known?.holder;
      if (!holder) return null;
      return {
        holder,
        change: {
          tripId,
          version,
          lockId,
          change: event.type === 'SeatLockReleased' ? 'released' : 'expired',
          seatNumbers: event.data.seatNumbers,
        },
      };
    }
  }
}
