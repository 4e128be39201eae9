import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { changeFares } from '../../../domain/trip-admin.decide';
import { TripAdministration } from '../../trip-admin';
import { TripView } from '../../views';
import { ChangeTripFaresCommand } from './change-trip-fares.command';

@CommandHandler(ChangeTripFaresCommand)
export class ChangeTripFaresHandler implements ICommandHandler<ChangeTripFaresCommand, TripView> {
  constructor(private readonly trips: TripAdministration) {}

  async execute({ caller, tripId, fares }: ChangeTripFaresCommand): Promise<TripView> {
    const { trip } = await this.trips.decide(caller, tripId, (state, context) =>
      changeFares({ fares }, state, context),
    );
    return trip;
  }
}
