import { Query } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';
import type { ManifestLine } from '../../../domain/manifest';

export interface TripManifest {
  tripId: string;
  origin: string;
  destination: string;
  departureAt: string;
  busName: string;
  plateNumber: string;
  generatedAt: string;
  /** ID numbers and phones in clear (an admin's reveal, recorded in the event log). */
  revealed: boolean;
  passengers: ManifestLine[];
}

export class GetTripManifestQuery extends Query<TripManifest> {
  constructor(
    readonly caller: Actor,
    readonly tripId: string,
    readonly reveal: boolean,
  ) {
    super();
  }
}
