import { Query } from '@nestjs/cqrs';
import type { TripView } from '../../views';

export interface ListTripsFilter {
  origin?: string;
  destination?: string;
  /** Departure date (YYYY-MM-DD) in the catalog's time zone. */
  date?: string;
  /** Include trips that have already departed (default: only upcoming). */
  includeDeparted?: boolean;
  limit?: number;
  offset?: number;
}

export interface TripPage {
  items: TripView[];
  total: number;
  limit: number;
  offset: number;
}

export class ListTripsQuery extends Query<TripPage> {
  constructor(readonly filter: ListTripsFilter) {
    super();
  }
}
