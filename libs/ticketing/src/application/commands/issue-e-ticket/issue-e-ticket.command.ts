import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';

export interface IssuedTicket {
  reference: string;
  pdf: Buffer;
  generatedAt: Date;
}

/** The booking's e-ticket PDF: the archived one, or generated once and archived. */
export class IssueETicketCommand extends Command<IssuedTicket> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
  ) {
    super();
  }
}
