import { Command } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';
import type { ExtendedLockView } from '../../holds';

export class ExtendSeatLockCommand extends Command<ExtendedLockView> {
  constructor(
    readonly actor: Actor,
    readonly lockId: string,
  ) {
    super();
  }
}
