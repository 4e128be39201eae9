import { Command } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';

export class LeaveWaitlistCommand extends Command<{ entryId: string; left: true }> {
  constructor(
    readonly actor: Actor,
    readonly tripId: string,
  ) {
    super();
  }
}
