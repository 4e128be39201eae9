import { Command } from '@nestjs/cqrs';

export type TicketEmailOutcome =
  | { sent: true; recipients: string[]; messageId: string; attempt: number }
  | { sent: false; reason: string; attempt: number; willRetry: boolean };

/** Records one delivery attempt of the e-ticket in the booking's history. */
export class RecordTicketEmailCommand extends Command<void> {
  constructor(
    readonly bookingId: string,
    readonly outcome: TicketEmailOutcome,
  ) {
    super();
  }
}
