import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SYSTEM_ACTOR } from '@app/auth';
import { expireSeatLock } from '../../../domain/seat-allocation.decide';
import { SeatAllocationWriter } from '../../seat-allocation.writer';
import { ExpireSeatLockCommand } from './expire-seat-lock.command';

@CommandHandler(ExpireSeatLockCommand)
export class ExpireSeatLockHandler implements ICommandHandler<
  ExpireSeatLockCommand,
  { expired: boolean }
> {
  constructor(private readonly writer: SeatAllocationWriter) {}

  async execute({ tripId, lockId }: ExpireSeatLockCommand): Promise<{ expired: boolean }> {
    const { events } = await this.writer.decide(
      tripId,
      (state, now) => expireSeatLock({ lockId }, state, { now }),
      {
        actor: SYSTEM_ACTOR,
        reason: 'hold expired',
      },
    );
    return { expired: events.length > 0 };
  }
}
