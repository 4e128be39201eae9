import { Command } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';
import type { BestSeatsRequest } from '../../../domain/best-seats';
import type { LockView } from '../../holds';

export class LockSeatsCommand extends Command<LockView> {
  constructor(
    readonly actor: Actor,
    readonly tripId: string,
    /** The seats by number, or what the best seats must be (chosen when the hold is decided). */
    readonly seats: string[] | BestSeatsRequest,
    /** A guest's client address, as a keyed hash (see LockSeats.origin). */
    readonly origin?: string,
  ) {
    super();
  }
}
