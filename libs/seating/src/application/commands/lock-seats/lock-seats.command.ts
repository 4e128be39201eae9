import { Command } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';
import type { LockView } from '../../holds';

export class LockSeatsCommand extends Command<LockView> {
  constructor(
    readonly actor: Actor,
    readonly tripId: string,
    readonly seatNumbers: string[],
    /** A guest's client address, as a keyed hash (see LockSeats.origin). */
    readonly origin?: string,
  ) {
    super();
  }
}
