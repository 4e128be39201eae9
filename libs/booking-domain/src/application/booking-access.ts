import { Actor, Caller, isAdmin, isSystem } from '@app/auth';
import { DomainError } from '@app/errors';
import { BookingOwner } from '../domain/booking.events';
import { BookingErrors } from '../domain/booking.errors';
import { Booking } from '../domain/booking.state';

export const ownerOf = (actor: Pick<Actor, 'kind' | 'id'>): BookingOwner => ({
  kind: actor.kind,
  id: actor.id,
});

export const isOwner = (caller: Caller, booking: Pick<Booking, 'owner'>) =>
  !isSystem(caller) && caller.kind === booking.owner.kind && caller.id === booking.owner.id;

/**
 * Owners and admins (and the system) may act on a booking; to anyone else it does not exist:
 * 404, so that bookings cannot be discovered by trying ids.
 */
export function requireAccess(caller: Caller, booking: Booking | null, bookingId: string): Booking {
  if (!booking) throw BookingErrors.notFound(bookingId);
  if (isSystem(caller) || isAdmin(caller) || isOwner(caller, booking)) return booking;
  throw BookingErrors.notFound(bookingId);
}

/** A user's booking history: the user themself or an admin. */
export function requireHistoryAccess(actor: Actor, userId: string): void {
  if (isAdmin(actor) || (actor.kind === 'user' && actor.id === userId)) return;
  throw new DomainError(
    'booking.history_forbidden',
    'forbidden',
    "Only the user themself or an admin may see a user's bookings.",
  );
}
