import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

/** A trip's seats (layout, type, price, accessibility) for the checkout steps. */
export function useSeatLayout(tripId: string | undefined) {
  return useQuery({
    queryKey: ['seat-layout', tripId],
    enabled: tripId !== undefined,
    queryFn: async () => {
      const map = await unwrap(
        api.GET('/trips/{tripId}/seats', { params: { path: { tripId: tripId ?? '' } } }),
      );
      return map.kind === 'map' ? map.seats : [];
    },
    staleTime: Infinity,
  });
}
