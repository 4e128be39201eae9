import { Command } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';
import type { SeatType } from '../../../domain/catalog.types';
import type { WaitlistEntryView } from '../../waitlist';

export class JoinWaitlistCommand extends Command<WaitlistEntryView> {
  constructor(
    readonly actor: Actor,
    readonly tripId: string,
    readonly request: { seats: number; seatType?: SeatType; email: string },
    /** A guest's client address, as a keyed hash. */
    readonly origin?: string,
  ) {
    super();
  }
}
