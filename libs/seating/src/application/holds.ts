import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/auth';
import { Holder } from '../domain/seat-allocation.events';
import { HoldPolicy } from '../domain/seat-allocation.decide';
import type { SeatHoldsConfig } from '@app/config';
import type { WaitlistContext } from '../domain/waitlist.decide';
import type { TripRecord } from '../infrastructure/catalog.repository';

export const holderOf = (actor: Pick<Actor, 'kind' | 'id'>): Holder => ({
  kind: actor.kind,
  id: actor.id,
});

export const holdPolicyOf = (seatHolds: SeatHoldsConfig): HoldPolicy => ({
  ttlSeconds: seatHolds.ttlSeconds,
  maxLifetimeSeconds: seatHolds.maxLifetimeSeconds,
  guestSharePercent: seatHolds.guestSharePercent,
  guestSeatsPerAddress: seatHolds.guestSeatsPerAddress,
});

/** What offering freed seats to a trip's waiting list needs to know, at `now`. */
export const waitlistContextOf = (
  trip: TripRecord,
  now: Date,
  seatHolds: SeatHoldsConfig,
): WaitlistContext => ({
  now,
  trip,
  offerSeconds: seatHolds.waitlistOfferSeconds,
  newLockId: randomUUID,
});

export const secondsUntil = (iso: string, now: Date) =>
  Math.max(0, Math.ceil((new Date(iso).getTime() - now.getTime()) / 1000));

export interface LockView {
  lockId: string;
  tripId: string;
  seatNumbers: string[];
  expiresAt: string;
  expiresInSeconds: number;
}

export interface ExtendedLockView {
  lockId: string;
  expiresAt: string;
  expiresInSeconds: number;
}

export interface ReleasedLockView {
  lockId: string;
  released: true;
  seatNumbers: string[];
}
