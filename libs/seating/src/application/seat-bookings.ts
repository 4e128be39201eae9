import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { isDomainError } from '@app/errors';
import { EventMetadata, StreamAppend } from '@app/event-store';
import { bookSeats, releaseBookedSeats } from '../domain/seat-allocation.decide';
import { BookedSeatsReleased, Holder, SeatAllocationEvent } from '../domain/seat-allocation.events';
import { evolve } from '../domain/seat-allocation.state';
import { SeatingErrors } from '../domain/seating.errors';
import { thenOfferFreedSeats } from '../domain/waitlist.decide';
import { CatalogRepository, TripRecord } from '../infrastructure/catalog.repository';
import { waitlistContextOf } from './holds';
import { SeatAllocationWriter } from './seat-allocation.writer';

/**
 * What bookings do with seats: each decides the trip's allocation events and appends them
 * atomically with the booking's own (`alongside`), returning the events it decided. A conflict
 * on either stream is thrown for the caller to decide again on fresh states.
 */
@Injectable()
export class SeatBookings {
  constructor(
    private readonly writer: SeatAllocationWriter,
    private readonly catalog: CatalogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async trip(tripId: string): Promise<TripRecord> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    return trip;
  }

  /** The holder's held seats become the booking's (all or none). */
  async book(
    tripId: string,
    booking: { bookingId: string; holder: Holder; seatNumbers: string[]; departureAt: string },
    metadata: Partial<EventMetadata>,
    alongside: readonly StreamAppend[],
  ): Promise<SeatAllocationEvent[]> {
    const { events } = await this.writer
      .decide(
        tripId,
        (state, now) => bookSeats({ ...booking, freeSeatsAllowed: false }, state, { now }),
        metadata,
        alongside,
      )
      .catch((error: unknown) => {
        // This process read the trip before its delay reached it: the next read is fresh.
        if (isDomainError(error) && error.code === 'trip.rescheduled') this.catalog.forget(tripId);
        throw error;
      });
    return events;
  }

  /**
   * The booking moves to `seatNumbers`: new seats must be free or held by the holder, seats it
   * no longer has are given back (and offered to the waiting list), in one append.
   */
  async rebook(
    tripId: string,
    booking: { bookingId: string; holder: Holder; seatNumbers: string[] },
    metadata: Partial<EventMetadata>,
    alongside: readonly StreamAppend[],
  ): Promise<SeatAllocationEvent[]> {
    const trip = await this.trip(tripId);
    const { events } = await this.writer.decide(
      tripId,
      (state, now) => {
        const released = [...state.booked]
          .filter(([seat, id]) => id === booking.bookingId && !booking.seatNumbers.includes(seat))
          .map(([seat]) => seat);
        const booked = bookSeats({ ...booking, freeSeatsAllowed: true }, state, { now });
        const after = booked.reduce(evolve, state);
        const freed = releaseBookedSeats(
          { bookingId: booking.bookingId, seatNumbers: released, reason: 'modified' },
          after,
          { now },
        );
        return [
          ...booked,
          ...thenOfferFreedSeats(freed, after, waitlistContextOf(trip, now, this.config.seatHolds)),
        ];
      },
      metadata,
      alongside,
    );
    return events;
  }

  /**
   * The booking gives its seats back (cancelled or expired), all or those named, offered to the
   * trip's waiting list in the same append; idempotent.
   */
  async release(
    tripId: string,
    booking: {
      bookingId: string;
      reason: BookedSeatsReleased['data']['reason'];
      /** Only these of the booking's seats (one passenger's); all when absent. */
      seatNumbers?: string[];
    },
    metadata: Partial<EventMetadata>,
    alongside: readonly StreamAppend[],
  ): Promise<SeatAllocationEvent[]> {
    const trip = await this.trip(tripId);
    const { events } = await this.writer.decide(
      tripId,
      (state, now) =>
        thenOfferFreedSeats(
          releaseBookedSeats(booking, state, { now }),
          state,
          waitlistContextOf(trip, now, this.config.seatHolds),
        ),
      metadata,
      alongside,
    );
    return events;
  }
}
