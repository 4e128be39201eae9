import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { callerRef } from '@app/auth';
import { SeatingErrors } from '../../../domain/seating.errors';
import { cancelTrip } from '../../../domain/trip-cancellation.decide';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { SeatAllocationWriter } from '../../seat-allocation.writer';
import { CancelTripCommand, TripCancellationView } from './cancel-trip.command';

/**
 * Closes the trip and ends its holds in one append to its allocation; the worker's saga then
 * cancels every booking of it (a full refund for the paid ones) and e-mails each contact.
 */
@CommandHandler(CancelTripCommand)
export class CancelTripHandler implements ICommandHandler<CancelTripCommand, TripCancellationView> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly writer: SeatAllocationWriter,
  ) {}

  async execute({ actor, tripId, reason }: CancelTripCommand): Promise<TripCancellationView> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    const { events } = await this.writer.decide(
      tripId,
      (state, now) => cancelTrip({ reason }, state, { now, departureAt: trip.departureAt }),
      { actor: callerRef(actor), reason },
    );
    this.catalog.forget(tripId);
    const cancelled = events[events.length - 1];
    if (cancelled.type !== 'TripCancelled') throw new Error(`unexpected ${cancelled.type}`);
    return {
      tripId,
      status: 'cancelled',
      reason,
      cancelledAt: cancelled.data.cancelledAt,
      holdsReleased: events.length - 1,
    };
  }
}
