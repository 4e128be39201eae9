import { Actor, Caller, isAdmin, isSystem } from '@app/auth';
import { DomainError } from '@app/errors';
import { BookingOwner } from '../domain/booking.events';
import { BookingErrors } from '../domain/booking.errors';
import { Booking } from '../domain/booking.state';

export const ownerOf = (actor: Pick<Actor, 'kind' | 'id'>): BookingOwner => ({
  kind: actor.kind,
  id: actor.id,
});

/** A booking access token (from guest verification) owns nothing, not even its own booking. */
export const isOwner = (caller: Caller, booking: Pick<Booking, 'owner'>) =>
  !isSystem(caller) &&
  !caller.scope &&
  caller.kind === booking.owner.kind &&
  caller.id === booking.owner.id;

/**
 * A booking access token opens its booking while a guest owns it: claiming the booking into an
 * account revokes every access token given before (none is given after).
 */
const opens = (caller: Caller, booking: Pick<Booking, 'bookingId' | 'owner'>) =>
  !isSystem(caller) &&
  caller.scope?.bookingId === booking.bookingId &&
  booking.owner.kind === 'guest';

/**
 * The system, admins and the owner may act on a booking, and a booking access token on its one
 * booking (and on no other, whoever owns them).
 */
export function mayAccess(caller: Caller, booking: Pick<Booking, 'owner' | 'bookingId'>): boolean {
  if (isSystem(caller)) return true;
  if (caller.scope) return opens(caller, booking);
  return isAdmin(caller) || isOwner(caller, booking);
}

/**
 * ID numbers, phones and e-mails in clear: for the owner, and for a guest who proved the contact
 * with a one-time code. Knowing a reference and an e-mail address is not enough to see them.
 */
export const seesPersonalData = (caller: Caller, booking: Pick<Booking, 'owner' | 'bookingId'>) =>
  isOwner(caller, booking) ||
  (opens(caller, booking) && !isSystem(caller) && caller.scope!.viaCode);

/** To anyone who may not act on a booking it does not exist: 404, so ids cannot be probed. */
export function requireAccess(caller: Caller, booking: Booking | null, bookingId: string): Booking {
  if (!booking || !mayAccess(caller, booking)) throw BookingErrors.notFound(bookingId);
  return booking;
}

/** A user's booking history: the user themself or an admin. */
export function requireHistoryAccess(actor: Actor, userId: string): void {
  if (isAdmin(actor) || (actor.kind === 'user' && actor.id === userId)) return;
  throw new DomainError(
    'booking.history_forbidden',
    "Only the user themself or an admin may see a user's bookings.",
  );
}

/** Booking access tokens open one existing booking; they cannot start new ones. */
export function requireUnscoped(actor: Actor): void {
  if (!actor.scope) return;
  throw new DomainError(
    'auth.booking_scoped',
    'This access token is for one booking only; start a guest session to make a new booking.',
  );
}
