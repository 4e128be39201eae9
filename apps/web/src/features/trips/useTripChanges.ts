import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useFeedStatus, useSeatFeed } from '../../feed/feed-context';
import { tripQuery } from './queries';

/** How often the trip is read again while the feed is not live to say it changed. */
export const TRIP_POLL_INTERVAL_MS = 15_000;

/**
 * Reads the trip again as soon as the seat feed says the operator changed it (times, fares,
 * sales) or cancelled it — whether or not its seat map is on the page (sales may open again).
 * Without a live feed (the seats are polled), every TRIP_POLL_INTERVAL_MS: a delay changes no
 * seat, so the seat map's polling would not show it.
 */
export function useTripChanges(tripId: string): void {
  const feed = useSeatFeed();
  const live = useFeedStatus() === 'live';
  const queryClient = useQueryClient();
  useEffect(
    () =>
      feed.watch(tripId, {
        onTripChanged: () => void queryClient.invalidateQueries(tripQuery(tripId)),
      }),
    [feed, tripId, queryClient],
  );
  useEffect(() => {
    if (live) return;
    const timer = setInterval(
      () => void queryClient.invalidateQueries(tripQuery(tripId)),
      TRIP_POLL_INTERVAL_MS,
    );
    return () => clearInterval(timer);
  }, [live, tripId, queryClient]);
}
