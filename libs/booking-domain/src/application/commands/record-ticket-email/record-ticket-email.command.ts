import { Command } from '@nestjs/cqrs';
import type { TicketEmailOutcome } from '../../../domain/booking.decide';

export type { TicketEmailOutcome };

/** Records one delivery attempt of the e-ticket in the booking's history. */
export class RecordTicketEmailCommand extends Command<void> {
  constructor(
    readonly bookingId: string,
    readonly outcome: TicketEmailOutcome,
  ) {
    super();
  }
}
