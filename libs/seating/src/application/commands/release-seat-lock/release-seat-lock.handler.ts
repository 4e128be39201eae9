import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { callerRef } from '@app/auth';
import { releaseSeatLock } from '../../../domain/seat-allocation.decide';
import { SeatAllocationRepository } from '../../../infrastructure/seat-allocation.repository';
import { holderOf, ReleasedLockView } from '../../holds';
import { SeatAllocationWriter } from '../../seat-allocation.writer';
import { ReleaseSeatLockCommand } from './release-seat-lock.command';

/** Idempotent: releasing a hold that already ended answers the same as the first release. */
@CommandHandler(ReleaseSeatLockCommand)
export class ReleaseSeatLockHandler implements ICommandHandler<
  ReleaseSeatLockCommand,
  ReleasedLockView
> {
  constructor(
    private readonly holds: SeatAllocationRepository,
    private readonly writer: SeatAllocationWriter,
  ) {}

  async execute({ actor, lockId }: ReleaseSeatLockCommand): Promise<ReleasedLockView> {
    const holder = holderOf(actor);
    const hold = await this.holds.findHoldOf(lockId, holder);
    if (hold.status === 'active') {
      await this.writer.decide(
        hold.tripId,
        (state, now) => releaseSeatLock({ lockId, holder }, state, { now }),
        {
          actor: callerRef(actor),
        },
      );
    }
    return { lockId, released: true, seatNumbers: hold.seatNumbers };
  }
}
