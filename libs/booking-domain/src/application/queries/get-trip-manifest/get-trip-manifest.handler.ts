import { Inject, Logger } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { callerRef, isAdmin } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { DomainError } from '@app/errors';
import { ANY_VERSION, PostgresEventStore } from '@app/event-store';
import { PiiCipher } from '@app/privacy';
import { SeatBookings } from '@app/seating';
import { manifestOf } from '../../../domain/manifest';
import { BookingRepository } from '../../../infrastructure/booking.repository';
import { GetTripManifestQuery, TripManifest } from './get-trip-manifest.query';

/** The stream of a trip's audited reads of personal data (manifest reveals). */
export const tripAuditStreamId = (tripId: string) => `trip-audit-${tripId}`;

@QueryHandler(GetTripManifestQuery)
export class GetTripManifestHandler implements IQueryHandler<GetTripManifestQuery, TripManifest> {
  private readonly logger = new Logger('Manifest');

  constructor(
    private readonly bookings: BookingRepository,
    private readonly seats: SeatBookings,
    private readonly cipher: PiiCipher,
    private readonly eventStore: PostgresEventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, tripId, reveal }: GetTripManifestQuery): Promise<TripManifest> {
    const trip = await this.seats.trip(tripId);
    const now = this.clock.now();
    if (reveal) {
      if (!isAdmin(caller)) {
        throw new DomainError(
          'auth.forbidden',
          'Only an admin may reveal ID numbers and phones of a manifest.',
        );
      }
      // The reveal is recorded before anything is shown.
      await this.eventStore.append(tripAuditStreamId(tripId), ANY_VERSION, [
        {
          type: 'ManifestRevealed',
          data: { tripId, revealedBy: callerRef(caller), revealedAt: now.toISOString() },
          metadata: { actor: callerRef(caller) },
        },
      ]);
      this.logger.log(`manifest of trip ${tripId} revealed by ${caller.kind} ${caller.id}`);
    }
    const travelling = await this.bookings.travellingOnTrip(tripId);
    return {
      tripId,
      origin: trip.origin,
      destination: trip.destination,
      departureAt: trip.departureAt.toISOString(),
      busName: trip.busName,
      plateNumber: trip.plateNumber,
      generatedAt: now.toISOString(),
      revealed: reveal,
      passengers: manifestOf(travelling, { reveal, open: (sealed) => this.cipher.open(sealed) }),
    };
  }
}
