import { Command } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';
import type { ReleasedLockView } from '../../holds';

export class ReleaseSeatLockCommand extends Command<ReleasedLockView> {
  constructor(
    readonly actor: Actor,
    readonly lockId: string,
  ) {
    super();
  }
}
