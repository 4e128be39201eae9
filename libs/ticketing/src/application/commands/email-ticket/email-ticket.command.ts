import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';

/** Queues the e-ticket e-mail again (the owner asked for a resend). */
export class EmailTicketCommand extends Command<{ jobId: string }> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
  ) {
    super();
  }
}
