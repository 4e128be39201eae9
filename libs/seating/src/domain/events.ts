import { Bus, Trip } from './catalog.types';

export interface BusRegistered {
  type: 'BusRegistered';
  data: Bus & { registeredAt: string };
}

export interface TripScheduled {
  type: 'TripScheduled';
  data: Trip & { scheduledAt: string };
}

export type CatalogEvent = BusRegistered | TripScheduled;

export const busStreamId = (busId: string) => `bus-${busId}`;
export const tripStreamId = (tripId: string) => `trip-${tripId}`;
