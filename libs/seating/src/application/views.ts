import { Fares } from '../domain/catalog.types';
import type { TripSummaryRecord } from '../infrastructure/catalog.repository';

export type TripStatus = 'scheduled' | 'departed' | 'arrived' | 'cancelled';

export interface TripView {
  id: string;
  origin: string;
  destination: string;
  departureAt: string;
  arrivalAt: string;
  durationMinutes: number;
  status: TripStatus;
  bus: { id: string; name: string; plateNumber: string; seatCount: number };
  fares: Fares;
  maxSeatsPerBooking: number;
  /** Cancelled by the operator: why and when. */
  cancellation?: { reason: string; cancelledAt: string };
  /** Delayed by the operator: departureAt and arrivalAt above are the new times. */
  delay?: { scheduledDepartureAt: string; minutes: number; reason: string; delayedAt: string };
  /** Whether seats are on sale (false: cancelled, or sales closed by the operator). */
  salesOpen: boolean;
  /** Sales closed by the operator: why and since when. */
  salesClosed?: { reason?: string; closedAt: string };
}

export type { SeatStatus, SeatView, SeatMapView, SeatChange } from '../domain/seat-map';

export function tripStatus(
  trip: Pick<TripSummaryRecord, 'departureAt' | 'arrivalAt' | 'cancelled'>,
  now: Date,
): TripStatus {
  if (trip.cancelled) return 'cancelled';
  if (now.getTime() >= trip.arrivalAt.getTime()) return 'arrived';
  if (now.getTime() >= trip.departureAt.getTime()) return 'departed';
  return 'scheduled';
}

export function toTripView(trip: TripSummaryRecord, now: Date): TripView {
  return {
    id: trip.id,
    origin: trip.origin,
    destination: trip.destination,
    departureAt: trip.departureAt.toISOString(),
    arrivalAt: trip.arrivalAt.toISOString(),
    durationMinutes: Math.round((trip.arrivalAt.getTime() - trip.departureAt.getTime()) / 60_000),
    status: tripStatus(trip, now),
    bus: {
      id: trip.busId,
      name: trip.busName,
      plateNumber: trip.plateNumber,
      seatCount: trip.seatCount,
    },
    fares: trip.fares,
    maxSeatsPerBooking: trip.maxSeatsPerBooking,
    ...(trip.cancelled
      ? {
          cancellation: {
            reason: trip.cancelled.reason,
            cancelledAt: trip.cancelled.at.toISOString(),
          },
        }
      : {}),
    salesOpen: !trip.cancelled && !trip.salesClosed,
    ...(trip.salesClosed
      ? {
          salesClosed: {
            closedAt: trip.salesClosed.at.toISOString(),
            ...(trip.salesClosed.reason ? { reason: trip.salesClosed.reason } : {}),
          },
        }
      : {}),
    ...(trip.delay
      ? {
          delay: {
            scheduledDepartureAt: trip.delay.scheduledDepartureAt.toISOString(),
            minutes: Math.round(
              (trip.departureAt.getTime() - trip.delay.scheduledDepartureAt.getTime()) / 60_000,
            ),
            reason: trip.delay.reason,
            delayedAt: trip.delay.at.toISOString(),
          },
        }
      : {}),
  };
}
