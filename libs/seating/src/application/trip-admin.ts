import { Inject, Injectable } from '@nestjs/common';
import { callerRef, Caller, requireAdmin } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Bus } from '../domain/catalog.types';
import { SeatAllocationEvent } from '../domain/seat-allocation.events';
import { SeatAllocation } from '../domain/seat-allocation.state';
import { SeatingErrors } from '../domain/seating.errors';
import { TripAdminContext } from '../domain/trip-admin.decide';
import { CatalogRepository, TripRecord } from '../infrastructure/catalog.repository';
import { SeatAllocationWriter } from './seat-allocation.writer';
import { toTripView, TripView } from './views';

/**
 * What the operator's trip commands share: the trip and its bus read, the decision taken on
 * the trip's allocation (so it is atomic with holds and bookings), and the trip read back.
 */
@Injectable()
export class TripAdministration {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly writer: SeatAllocationWriter,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async decide<E extends SeatAllocationEvent>(
    caller: Caller,
    tripId: string,
    decision: (state: SeatAllocation, context: TripAdminContext, trip: TripRecord) => E[],
  ): Promise<{ events: E[]; trip: TripView }> {
    requireAdmin(caller);
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    const bus: Bus = {
      id: trip.busId,
      name: trip.busName,
      plateNumber: trip.plateNumber,
      seats: trip.seats,
    };
    const { events } = await this.writer.decide(
      tripId,
      (state, now) =>
        decision(state, { now, trip, bus, currency: this.config.catalog.currency }, trip),
      { actor: callerRef(caller) },
    );
    this.catalog.forget(tripId);
    return { events, trip: toTripView((await this.catalog.findTrip(tripId))!, this.clock.now()) };
  }
}
