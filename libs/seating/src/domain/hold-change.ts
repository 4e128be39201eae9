import { Holder, SeatAllocationEvent } from './seat-allocation.events';
import { SeatAllocation } from './seat-allocation.state';

/** What a holder's other tabs hear about one of their holds. */
export interface HoldChange {
  tripId: string;
  /** The seat allocation version this change produced. */
  version: number;
  lockId: string;
  change: 'locked' | 'extended' | 'released' | 'expired' | 'booked';
  seatNumbers: string[];
  expiresAt?: string;
  /** Seats moved into this hold from the holder's older holds. */
  transferredFrom?: { lockId: string; seatNumbers: string[] }[];
  /** `booked`: the booking the seats now belong to. */
  bookingId?: string;
}

export interface HolderNotice {
  holder: Holder;
  change: HoldChange;
}

/**
 * The holders an event concerns and what changed for them. Events recorded before they carried
 * the holder are resolved from the state before the event, when it is known.
 */
export function holdChangesOf(
  event: SeatAllocationEvent,
  version: number,
  before?: SeatAllocation,
): HolderNotice[] {
  const tripId = event.data.tripId;
  switch (event.type) {
    case 'SeatsLocked': {
      const { lockId, holder, seatNumbers, expiresAt, transferredFrom } = event.data;
      return [
        {
          holder,
          change: {
            tripId,
            version,
            lockId,
            change: 'locked',
            seatNumbers,
            expiresAt,
            transferredFrom,
          },
        },
      ];
    }
    case 'SeatLockExtended': {
      const { lockId, expiresAt } = event.data;
      const known = before?.holds.get(lockId);
      const holder = event.data.holder ?? known?.holder;
      if (!holder) return [];
      const seatNumbers = event.data.seatNumbers ?? known?.seatNumbers ?? [];
      return [
        { holder, change: { tripId, version, lockId, change: 'extended', seatNumbers, expiresAt } },
      ];
    }
    case 'SeatLockReleased':
    case 'SeatLockExpired': {
      const { lockId, seatNumbers } = event.data;
      const holder = event.data.holder ?? before?.holds.get(lockId)?.holder;
      if (!holder) return [];
      const change = event.type === 'SeatLockReleased' ? 'released' : 'expired';
      return [{ holder, change: { tripId, version, lockId, change, seatNumbers } }];
    }
    case 'SeatsBooked': {
      const { holder, bookingId } = event.data;
      return event.data.fromHolds.map(({ lockId, seatNumbers }) => ({
        holder,
        change: { tripId, version, lockId, change: 'booked', seatNumbers, bookingId },
      }));
    }
    case 'BookedSeatsReleased':
    case 'WaitlistJoined':
    case 'WaitlistLeft':
    case 'WaitlistOffered':
    case 'TripCancelled':
    case 'TripDelayed':
    case 'TripUpdated':
    case 'TripFaresChanged':
    case 'TripSalesClosed':
    case 'TripSalesOpened':
      // An offer's hold is announced by the SeatsLocked of the same append; a cancelled trip's
      // holds by the SeatLockReleased of the same append.
      return [];
  }
}
