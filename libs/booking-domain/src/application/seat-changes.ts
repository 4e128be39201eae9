import type { BookingConfig } from '@app/config';
import type { SeatChangeContext } from '../domain/booking.decide';
import type { BookingEvent } from '../domain/booking.events';
import type { Booking } from '../domain/booking.state';
import type { BookingChange } from './booking.writer';

/** What a seat-change decision knows besides the booking: now, the cutoff, the payment window. */
export const seatChangeContext = (config: BookingConfig, now: Date): SeatChangeContext => ({
  now,
  cutoffHours: config.seatChangeCutoffHours,
  paymentWindowSeconds: config.paymentWindowSeconds,
});

/** A seat change's events with what they do to the seats: a move rebooks, a request nothing. */
export function seatChangeEffect(booking: Booking, events: BookingEvent[]): BookingChange {
  const moved = events.find((event) => event.type === 'SeatChanged');
  if (!moved) return { events, seats: { kind: 'none' } };
  const { fromSeat, toSeat } = moved.data;
  return {
    events,
    seats: {
      kind: 'rebook',
      seatNumbers: booking.seatNumbers.map((seat) => (seat === fromSeat ? toSeat : seat)),
    },
  };
}
