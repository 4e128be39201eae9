import { Inject, Injectable } from '@nestjs/common';
import { Caller, callerRef, isAdmin, isSystem } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import {
  EventMetadata,
  isConcurrencyError,
  PostgresEventStore,
  TransactionClient,
} from '@app/event-store';
import { SeatBookings } from '@app/seating';
import { BookingEvent, bookingStreamId } from '../domain/booking.events';
import { Booking, evolve } from '../domain/booking.state';
import { BookingRepository } from '../infrastructure/booking.repository';
import { ownerOf, requireAccess } from './booking-access';

const ATTEMPTS = 5;

/** What a change does to the booking's seats, in the same transaction as its events. */
export type SeatEffect =
  | { kind: 'none' }
  | { kind: 'release'; reason: 'cancelled' | 'expired' }
  | { kind: 'rebook'; seatNumbers: string[] };

export interface BookingChange {
  events: BookingEvent[];
  seats: SeatEffect;
}

/**
 * Loads a booking from its stream, lets a pure decision change it, and appends the events at
 * the version it was decided on, with the seat effect in the same transaction. A concurrent
 * change (confirm racing expiry) fails the expected version; the decision is then taken again
 * on the new state, so exactly one of two racing transitions happens.
 */
@Injectable()
export class BookingWriter {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly eventStore: PostgresEventStore,
    private readonly seats: SeatBookings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async change(
    bookingId: string,
    caller: Caller,
    decide: (booking: Booking, now: Date) => BookingChange,
    metadata: Partial<EventMetadata> = {},
  ): Promise<{ booking: Booking; events: BookingEvent[] }> {
    for (let attempt = 1; ; attempt++) {
      const booking = requireAccess(caller, await this.bookings.load(bookingId), bookingId);
      const { events, seats } = decide(booking, this.clock.now());
      if (events.length === 0) return { booking, events };
      const meta = { actor: callerRef(caller), correlationId: bookingId, ...metadata };
      const append = (transaction?: TransactionClient) =>
        this.eventStore
          .append(bookingStreamId(bookingId), booking.version, events, {
            transaction,
            metadata: meta,
            knownState: booking,
          })
          .then(() => undefined);
      try {
        if (seats.kind === 'none') await append();
        else if (seats.kind === 'release') {
          await this.seats.release(
            booking.tripId,
            { bookingId, reason: seats.reason },
            meta,
            append,
          );
        } else {
          await this.seats.rebook(
            booking.tripId,
            { bookingId, holder: holderFor(caller, booking), seatNumbers: seats.seatNumbers },
            meta,
            append,
          );
        }
        return { booking: events.reduce<Booking>(evolve, booking), events };
      } catch (error) {
        if (!isConcurrencyError(error) || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}

/**
 * Whose holds new seats may come from: the caller's own when they act themselves (the owner, or
 * a guest with a booking access token, who holds seats under its own id), else the owner's.
 */
const holderFor = (caller: Caller, booking: Booking) =>
  isSystem(caller) || isAdmin(caller) ? booking.owner : ownerOf(caller);
