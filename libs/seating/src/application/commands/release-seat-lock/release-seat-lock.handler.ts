import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { callerRef } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { releaseSeatLock } from '../../../domain/seat-allocation.decide';
import { SeatingErrors } from '../../../domain/seating.errors';
import { thenOfferFreedSeats } from '../../../domain/waitlist.decide';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { SeatAllocationRepository } from '../../../infrastructure/seat-allocation.repository';
import { holderOf, ReleasedLockView, waitlistContextOf } from '../../holds';
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
    private readonly catalog: CatalogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ actor, lockId }: ReleaseSeatLockCommand): Promise<ReleasedLockView> {
    const holder = holderOf(actor);
    const hold = await this.holds.findHoldOf(lockId, holder);
    if (hold.status === 'active') {
      const trip = await this.catalog.findTrip(hold.tripId);
      if (!trip) throw SeatingErrors.tripNotFound(hold.tripId);
      await this.writer.decide(
        hold.tripId,
        (state, now) =>
          thenOfferFreedSeats(
            releaseSeatLock({ lockId, holder }, state, { now }),
            state,
            waitlistContextOf(trip, now, this.config.seatHolds),
          ),
        {
          actor: callerRef(actor),
        },
      );
    }
    return { lockId, released: true, seatNumbers: hold.seatNumbers };
  }
}
