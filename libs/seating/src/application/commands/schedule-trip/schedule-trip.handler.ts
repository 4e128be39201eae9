import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { callerRef, requireAdmin } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { NO_STREAM, PostgresEventStore } from '@app/event-store';
import { scheduleTrip } from '../../../domain/catalog.decide';
import { tripStreamId } from '../../../domain/events';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { toTripView, TripView } from '../../views';
import { ScheduleTripCommand } from './schedule-trip.command';

@CommandHandler(ScheduleTripCommand)
export class ScheduleTripHandler implements ICommandHandler<ScheduleTripCommand, TripView> {
  constructor(
    private readonly eventStore: PostgresEventStore,
    private readonly catalog: CatalogRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ caller, input }: ScheduleTripCommand): Promise<TripView> {
    requireAdmin(caller);
    const bus = await this.catalog.findBus(input.busId);
    const tripId = randomUUID();
    const now = this.clock.now();
    const events = scheduleTrip({ id: tripId, ...input }, null, {
      now,
      bus,
      tripPolicy: {
        currency: this.config.catalog.currency,
        defaultMaxSeatsPerBooking: this.config.catalog.maxSeatsPerBooking,
      },
    });
    await this.eventStore.append(tripStreamId(tripId), NO_STREAM, events, {
      metadata: { actor: callerRef(caller) },
    });
    this.catalog.forgetLists();
    const trip = await this.catalog.findTrip(tripId);
    return toTripView(trip!, now);
  }
}
