import type { SeatType } from '../domain/catalog.types';
import type { WaitlistEntryRecord } from '../infrastructure/waitlist.repository';

/** A party's place on a trip's waiting list, as its holder sees it. */
export interface WaitlistEntryView {
  entryId: string;
  tripId: string;
  /** `closed`: still waiting when the trip departed. */
  status: 'waiting' | 'offered' | 'left' | 'closed';
  /** While waiting: 1 for the first party in line. */
  position?: number;
  seats: number;
  seatType?: SeatType;
  contactEmail: string;
  joinedAt: string;
  offer?: WaitlistEntryRecord['offer'];
}

export function toWaitlistEntryView(
  entry: WaitlistEntryRecord,
  departureAt: Date,
  now: Date,
): WaitlistEntryView {
  const closed = entry.status === 'waiting' && now.getTime() >= departureAt.getTime();
  return {
    entryId: entry.entryId,
    tripId: entry.tripId,
    status: closed ? 'closed' : entry.status,
    ...(entry.status === 'waiting' && !closed ? { position: entry.position } : {}),
    seats: entry.seats,
    ...(entry.seatType ? { seatType: entry.seatType } : {}),
    contactEmail: entry.contactEmailMasked,
    joinedAt: entry.joinedAt,
    ...(entry.offer ? { offer: entry.offer } : {}),
  };
}
