import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { updateTrip } from '../../../domain/trip-admin.decide';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { TripAdministration } from '../../trip-admin';
import { TripView } from '../../views';
import { UpdateTripCommand } from './update-trip.command';

@CommandHandler(UpdateTripCommand)
export class UpdateTripHandler implements ICommandHandler<UpdateTripCommand, TripView> {
  constructor(
    private readonly trips: TripAdministration,
    private readonly catalog: CatalogRepository,
  ) {}

  async execute({ caller, tripId, changes }: UpdateTripCommand): Promise<TripView> {
    const newBus = changes.busId ? await this.catalog.findBus(changes.busId) : undefined;
    const { trip } = await this.trips.decide(caller, tripId, (state, context) =>
      updateTrip(changes, state, { ...context, newBus }),
    );
    return trip;
  }
}
