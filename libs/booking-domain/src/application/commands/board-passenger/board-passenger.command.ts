import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';

/** A scanned ticket: the passenger of the seat boards (once). */
export class BoardPassengerCommand extends Command<{ boardedAt: string }> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
    readonly seatNumber: string,
  ) {
    super();
  }
}
