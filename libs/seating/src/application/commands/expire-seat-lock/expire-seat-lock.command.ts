import { Command } from '@nestjs/cqrs';

/** Sent by the worker when a hold's time is up. `expired` is false when there was nothing to do. */
export class ExpireSeatLockCommand extends Command<{ expired: boolean }> {
  constructor(
    readonly tripId: string,
    readonly lockId: string,
  ) {
    super();
  }
}
