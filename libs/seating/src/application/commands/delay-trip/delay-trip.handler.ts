import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { callerRef } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SeatingErrors } from '../../../domain/seating.errors';
import { delayTrip } from '../../../domain/trip-delay.decide';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { SeatAllocationWriter } from '../../seat-allocation.writer';
import { DelayTripCommand, TripDelayView } from './delay-trip.command';

/**
 * Moves the trip's departure in its allocation stream (the catalog follows in the same
 * transaction); the worker's saga then moves each booking's times and mails its contact.
 */
@CommandHandler(DelayTripCommand)
export class DelayTripHandler implements ICommandHandler<DelayTripCommand, TripDelayView> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly writer: SeatAllocationWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({
    actor,
    tripId,
    newDepartureAt,
    reason,
  }: DelayTripCommand): Promise<TripDelayView> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    const {
      events: [delayed],
    } = await this.writer.decide(
      tripId,
      (state, now) =>
        delayTrip({ newDepartureAt, reason }, state, {
          now,
          departureAt: trip.departureAt,
          arrivalAt: trip.arrivalAt,
          freeCancellation: this.config.booking.delayFreeCancellation,
        }),
      { actor: callerRef(actor), reason },
    );
    this.catalog.forget(tripId);
    return { ...delayed.data };
  }
}
