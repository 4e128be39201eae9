import { Query } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { ListTripsFilter } from '../list-trips/list-trips.query';
import type { TripView } from '../../views';

/** A trip as the operator sees it: with its seats booked and held now. */
export interface AdminTripView extends TripView {
  seatsBooked: number;
  seatsHeld: number;
}

export interface AdminTripPage {
  items: AdminTripView[];
  total: number;
  limit: number;
  offset: number;
}

/** Trips for the operator: departed ones included unless asked otherwise. */
export class AdminTripsQuery extends Query<AdminTripPage> {
  constructor(
    readonly caller: Caller,
    readonly filter: ListTripsFilter,
  ) {
    super();
  }
}
