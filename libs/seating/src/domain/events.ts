import { Bus, Trip } from './catalog.types';

export interface BusRegistered {
  type: 'BusRegistered';
  data: Bus & { registeredAt: string };
}

export interface TripScheduled {
  type: 'TripScheduled';
  data: Trip & { scheduledAt: string };
}

/** A bus renamed or re-plated (its seat layout never changes: trips and holds name its seats). */
export interface BusUpdated {
  type: 'BusUpdated';
  data: { busId: string; name?: string; plateNumber?: string; updatedAt: string };
}

export type CatalogEvent = BusRegistered | TripScheduled | BusUpdated;

export const busStreamId = (busId: string) => `bus-${busId}`;
export const tripStreamId = (tripId: string) => `trip-${tripId}`;
