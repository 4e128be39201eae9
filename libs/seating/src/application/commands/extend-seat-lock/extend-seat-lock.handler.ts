import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { callerRef } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { extendSeatLock } from '../../../domain/seat-allocation.decide';
import { SeatAllocationRepository } from '../../../infrastructure/seat-allocation.repository';
import { ExtendedLockView, holderOf, holdPolicyOf, secondsUntil } from '../../holds';
import { SeatAllocationWriter } from '../../seat-allocation.writer';
import { ExtendSeatLockCommand } from './extend-seat-lock.command';

@CommandHandler(ExtendSeatLockCommand)
export class ExtendSeatLockHandler implements ICommandHandler<
  ExtendSeatLockCommand,
  ExtendedLockView
> {
  constructor(
    private readonly holds: SeatAllocationRepository,
    private readonly writer: SeatAllocationWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, lockId }: ExtendSeatLockCommand): Promise<ExtendedLockView> {
    const holder = holderOf(actor);
    const hold = await this.holds.findHoldOf(lockId, holder);
    const { events } = await this.writer.decide(
      hold.tripId,
      (state, now) =>
        extendSeatLock({ lockId, holder }, state, {
          now,
          holdPolicy: holdPolicyOf(this.config.seatHolds),
        }),
      { actor: callerRef(actor) },
    );
    const { expiresAt } = events[0].data;
    return { lockId, expiresAt, expiresInSeconds: secondsUntil(expiresAt, this.clock.now()) };
  }
}
