import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { openSales } from '../../../domain/trip-admin.decide';
import { TripAdministration } from '../../trip-admin';
import { TripView } from '../../views';
import { OpenTripSalesCommand } from './trip-sales.commands';

@CommandHandler(OpenTripSalesCommand)
export class OpenTripSalesHandler implements ICommandHandler<OpenTripSalesCommand, TripView> {
  constructor(private readonly trips: TripAdministration) {}

  async execute({ caller, tripId }: OpenTripSalesCommand): Promise<TripView> {
    const { trip } = await this.trips.decide(caller, tripId, (state, context) =>
      openSales({}, state, context),
    );
    return trip;
  }
}
