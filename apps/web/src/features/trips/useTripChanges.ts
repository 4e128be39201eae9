import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSeatFeed } from '../../feed/feed-context';
import { tripQuery } from './queries';

/**
 * Reads the trip again as soon as the seat feed says the operator changed it (times, fares,
 * sales) or cancelled it — whether or not its seat map is on the page (sales may open again).
 */
export function useTripChanges(tripId: string): void {
  const feed = useSeatFeed();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      feed.watch(tripId, {
        onTripChanged: () => void queryClient.invalidateQueries(tripQuery(tripId)),
      }),
    [feed, tripId, queryClient],
  );
}
