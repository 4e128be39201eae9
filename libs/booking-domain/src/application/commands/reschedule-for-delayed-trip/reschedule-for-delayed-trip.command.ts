import { Command } from '@nestjs/cqrs';
import type { RescheduleForDelayedTrip } from '../../../domain/booking.decide';

/** The saga of a delayed trip moves one of its bookings to the new times (nothing when done). */
export class RescheduleForDelayedTripCommand extends Command<{ rescheduled: boolean }> {
  constructor(readonly delay: RescheduleForDelayedTrip) {
    super();
  }
}
