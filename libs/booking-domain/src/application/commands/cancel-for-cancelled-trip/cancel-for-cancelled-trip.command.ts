import { Command } from '@nestjs/cqrs';

/** The saga of a cancelled trip cancels one of its bookings (nothing when it has ended). */
export class CancelForCancelledTripCommand extends Command<{ cancelled: boolean }> {
  constructor(readonly bookingId: string) {
    super();
  }
}
