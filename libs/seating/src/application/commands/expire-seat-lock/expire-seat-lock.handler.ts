import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SYSTEM_ACTOR } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { expireSeatLock } from '../../../domain/seat-allocation.decide';
import { thenOfferFreedSeats } from '../../../domain/waitlist.decide';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { waitlistContextOf } from '../../holds';
import { SeatAllocationWriter } from '../../seat-allocation.writer';
import { ExpireSeatLockCommand } from './expire-seat-lock.command';

/** Records a lapsed hold's end; its seats go to the trip's waiting list first, in the same append. */
@CommandHandler(ExpireSeatLockCommand)
export class ExpireSeatLockHandler implements ICommandHandler<
  ExpireSeatLockCommand,
  { expired: boolean }
> {
  constructor(
    private readonly writer: SeatAllocationWriter,
    private readonly catalog: CatalogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ tripId, lockId }: ExpireSeatLockCommand): Promise<{ expired: boolean }> {
    const trip = await this.catalog.findTrip(tripId);
    const { events } = await this.writer.decide(
      tripId,
      (state, now) => {
        const expired = expireSeatLock({ lockId }, state, { now });
        return trip
          ? thenOfferFreedSeats(expired, state, waitlistContextOf(trip, now, this.config.seatHolds))
          : expired;
      },
      {
        actor: SYSTEM_ACTOR,
        reason: 'hold expired',
      },
    );
    return { expired: events.length > 0 };
  }
}
