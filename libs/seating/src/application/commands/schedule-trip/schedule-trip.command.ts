import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { Fares } from '../../../domain/catalog.types';
import type { TripView } from '../../views';

export interface ScheduleTripInput {
  busId: string;
  origin: string;
  destination: string;
  departureAt: string;
  arrivalAt: string;
  fares: Fares;
  maxSeatsPerBooking?: number;
}

export class ScheduleTripCommand extends Command<TripView> {
  constructor(
    readonly caller: Caller,
    readonly input: ScheduleTripInput,
  ) {
    super();
  }
}
