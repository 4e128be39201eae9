import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { closeSales } from '../../../domain/trip-admin.decide';
import { TripAdministration } from '../../trip-admin';
import { TripView } from '../../views';
import { CloseTripSalesCommand } from './trip-sales.commands';

@CommandHandler(CloseTripSalesCommand)
export class CloseTripSalesHandler implements ICommandHandler<CloseTripSalesCommand, TripView> {
  constructor(private readonly trips: TripAdministration) {}

  async execute({ caller, tripId, reason }: CloseTripSalesCommand): Promise<TripView> {
    const { trip } = await this.trips.decide(caller, tripId, (state, context) =>
      closeSales({ reason }, state, context),
    );
    return trip;
  }
}
