import { Command } from '@nestjs/cqrs';

/** Worker: a confirmed booking whose trip has arrived becomes completed (idempotent). */
export class CompleteBookingCommand extends Command<{ completed: boolean }> {
  constructor(readonly bookingId: string) {
    super();
  }
}
