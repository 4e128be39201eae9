import { Injectable } from '@nestjs/common';
import type { Caller } from '@app/auth';
import type { Booking } from '../domain/booking.state';
import { BookingRepository } from '../infrastructure/booking.repository';
import { GuestAccessCodeStore } from '../infrastructure/guest-access-code.store';
import { requireAccess } from './booking-access';

/**
 * What the rest of the service reads of bookings (tickets, the worker's timers and sweeps): the
 * read model's copy, which reads its own writes. The repositories stay inside this lib.
 */
@Injectable()
export class BookingReader {
  constructor(
    private readonly bookings: BookingRepository,
    private readonly codes: GuestAccessCodeStore,
  ) {}

  find(bookingId: string): Promise<Booking | null> {
    return this.bookings.find(bookingId);
  }

  /** The booking if `caller` may see it; booking.not_found otherwise, as for a missing one. */
  async findFor(caller: Caller, bookingId: string): Promise<Booking> {
    return requireAccess(caller, await this.bookings.find(bookingId), bookingId);
  }

  /** Pending bookings whose payment window has closed, oldest first. */
  overdue(now: Date, limit: number): Promise<{ bookingId: string }[]> {
    return this.bookings.overdue(now, limit);
  }

  /** A trip's bookings still pending or confirmed (a cancelled trip's saga cancels them). */
  liveOfTrip(tripId: string): Promise<{ bookingId: string }[]> {
    return this.bookings.liveOfTrip(tripId);
  }

  /** Confirmed bookings whose trip has arrived. */
  arrived(now: Date, limit: number): Promise<{ bookingId: string }[]> {
    return this.bookings.arrived(now, limit);
  }

  /** Confirmed bookings whose e-ticket mail is owed since between `from` and `to`. */
  ticketMailsDue(from: Date, to: Date, limit: number): Promise<{ bookingId: string }[]> {
    return this.bookings.ticketMailsDue(from, to, limit);
  }

  /** Deletes guests' one-time codes that can no longer be used; how many. */
  deleteExpiredAccessCodes(now: Date): Promise<number> {
    return this.codes.deleteExpired(now);
  }
}
