import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { callerRef } from '@app/auth';
import { SeatingErrors } from '../../../domain/seating.errors';
import { leaveWaitlist } from '../../../domain/waitlist.decide';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { holderOf } from '../../holds';
import { SeatAllocationWriter } from '../../seat-allocation.writer';
import { LeaveWaitlistCommand } from './leave-waitlist.command';

@CommandHandler(LeaveWaitlistCommand)
export class LeaveWaitlistHandler implements ICommandHandler<
  LeaveWaitlistCommand,
  { entryId: string; left: true }
> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly writer: SeatAllocationWriter,
  ) {}

  async execute({ actor, tripId }: LeaveWaitlistCommand): Promise<{ entryId: string; left: true }> {
    if (!(await this.catalog.findTrip(tripId))) throw SeatingErrors.tripNotFound(tripId);
    const { events } = await this.writer.decide(
      tripId,
      (state, now) => leaveWaitlist({ holder: holderOf(actor) }, state, { now }),
      { actor: callerRef(actor) },
    );
    return { entryId: events[0].data.entryId, left: true };
  }
}
