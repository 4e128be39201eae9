import { Command } from '@nestjs/cqrs';

/** Worker: cancels a pending booking whose payment window has closed (idempotent). */
export class ExpireBookingCommand extends Command<{ expired: boolean }> {
  constructor(readonly bookingId: string) {
    super();
  }
}
