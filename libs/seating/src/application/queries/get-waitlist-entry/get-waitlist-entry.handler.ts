import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock, CLOCK } from '@app/clock';
import { SeatingErrors } from '../../../domain/seating.errors';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { WaitlistRepository } from '../../../infrastructure/waitlist.repository';
import { toWaitlistEntryView, WaitlistEntryView } from '../../waitlist';
import { GetWaitlistEntryQuery } from './get-waitlist-entry.query';

@QueryHandler(GetWaitlistEntryQuery)
export class GetWaitlistEntryHandler implements IQueryHandler<
  GetWaitlistEntryQuery,
  WaitlistEntryView
> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly waitlist: WaitlistRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tripId, holder }: GetWaitlistEntryQuery): Promise<WaitlistEntryView> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    const entry = await this.waitlist.latestOf(tripId, holder);
    if (!entry) throw SeatingErrors.waitlistNotJoined(tripId);
    return toWaitlistEntryView(entry, trip.departureAt, this.clock.now());
  }
}
