import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

export interface TripFilters {
  origin?: string;
  destination?: string;
  /** YYYY-MM-DD in the catalog's time zone */
  date?: string;
}

export const TRIPS_PAGE_SIZE = 10;

export const tripQuery = (tripId: string) =>
  queryOptions({
    queryKey: ['trip', tripId],
    queryFn: () => unwrap(api.GET('/trips/{tripId}', { params: { path: { tripId } } })),
    staleTime: 60_000,
  });

export const useTrip = (tripId: string | undefined) =>
  useQuery({ ...tripQuery(tripId ?? ''), enabled: Boolean(tripId) });

export function useTrips(filters: TripFilters, offset: number) {
  return useQuery({
    queryKey: ['trips', filters, offset],
    queryFn: () =>
      unwrap(
        api.GET('/trips', {
          params: {
            query: {
              origin: filters.origin || undefined,
              destination: filters.destination || undefined,
              date: filters.date || undefined,
              limit: TRIPS_PAGE_SIZE,
              offset,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Every place a trip leaves from or goes to (suggestions for the search form). */
export function usePlaces() {
  return useQuery({
    queryKey: ['places'],
    queryFn: async () => {
      const page = await unwrap(api.GET('/trips', { params: { query: { limit: 100 } } }));
      const sorted = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
      return {
        origins: sorted(page.items.map((trip) => trip.origin)),
        destinations: sorted(page.items.map((trip) => trip.destination)),
      };
    },
    staleTime: 5 * 60_000,
  });
}

/** Seats left and the seat types of a trip: read from its seat map. */
export function useTripAvailability(tripId: string) {
  return useQuery({
    queryKey: ['trip-availability', tripId],
    queryFn: async () => {
      const map = await unwrap(api.GET('/trips/{tripId}/seats', { params: { path: { tripId } } }));
      const seats = map.kind === 'map' ? map.seats : [];
      const now = Date.now();
      const free = seats.filter(
        (seat) =>
          seat.status === 'available' ||
          (seat.status === 'locked' && !!seat.expiresAt && Date.parse(seat.expiresAt) <= now),
      );
      const lowest = seats.reduce<(typeof seats)[number]['price'] | undefined>(
        (low, seat) => (!low || seat.price.amount < low.amount ? seat.price : low),
        undefined,
      );
      return {
        seatsLeft: free.length,
        seatTypes: [...new Set(seats.map((seat) => seat.type))],
        lowestPrice: lowest,
      };
    },
    staleTime: 15_000,
  });
}
