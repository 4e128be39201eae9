import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/problem';
import { useFeedStatus, useHoldChanges, useSeatFeed } from '../../feed/feed-context';
import { useLatest } from '../../lib/useLatest';
import { holderKey, useSession } from '../../session/session';
import { fetchSeatMap, seatMapKey } from './seat-map-query';
import {
  applyDelta,
  applyHoldChange,
  applyPolled,
  fromSeatMap,
  type SeatMapState,
  type SeatUpdate,
} from './seat-state';

/** How often the map is polled while the feed is not live. */
export const POLL_INTERVAL_MS = 3000;

/** What the connection indicator shows. */
export type Connection = 'connecting' | 'live' | 'reconnecting' | 'polling';

interface Options {
  /** Whether a seat is the holder's own (its hold, or a hold being taken now). */
  isMine(seatNumber: string): boolean;
  /** Seats whose status changed, by the feed or by polling. */
  onUpdates(updates: SeatUpdate[]): void;
}

/**
 * A trip's seat map, kept current: a snapshot then deltas over the feed while it is live; when
 * it is not (the socket cannot connect, or is reconnecting), polling with `sinceVersion` and
 * the ETag. The map lives in TanStack Query's cache, so both paths update the same data.
 */
export function useLiveSeatMap(tripId: string, options: Options) {
  const queryClient = useQueryClient();
  const feed = useSeatFeed();
  const feedStatus = useFeedStatus();
  const holder = holderKey(useSession());
  const latest = useLatest(options);
  const [tripLive, setTripLive] = useState(false);
  const live = feedStatus === 'live' && tripLive;

  const query = useQuery({
    queryKey: seatMapKey(tripId, holder),
    queryFn: async ({ signal }): Promise<SeatMapState> => {
      const current = queryClient.getQueryData<SeatMapState>(seatMapKey(tripId, holder));
      const { state, updates } = await fetchSeatMap(tripId, current, signal);
      if (updates.length > 0) latest.current.onUpdates(updates);
      return state;
    },
    retry: (failures, error) => !(isApiError(error) && error.status < 500) && failures < 2,
    refetchInterval: live ? false : POLL_INTERVAL_MS,
    refetchOnWindowFocus: !live,
    staleTime: live ? Infinity : 0,
  });

  useEffect(() => {
    const key = seatMapKey(tripId, holder);
    const read = () => queryClient.getQueryData<SeatMapState>(key);
    const write = (state: SeatMapState) => queryClient.setQueryData<SeatMapState>(key, state);
    return feed.watch(tripId, {
      onSnapshot: (snapshot) => {
        const before = read();
        if (before) {
          const { updates } = applyPolled(before, { kind: 'map', ...snapshot });
          if (updates.length > 0) latest.current.onUpdates(updates);
        }
        write(fromSeatMap(snapshot));
      },
      onDelta: (delta) => {
        const current = read();
        if (!current) return; // the snapshot that follows subscribe brings it all
        const result = applyDelta(current, delta, latest.current.isMine);
        if (result.kind === 'gap') feed.resubscribe(tripId);
        if (result.kind !== 'applied') return;
        write(result.state);
        if (result.updates.length > 0) latest.current.onUpdates(result.updates);
      },
      onLive: setTripLive,
    });
  }, [feed, tripId, holder, queryClient, latest]);

  useHoldChanges((change) => {
    if (change.tripId !== tripId) return;
    queryClient.setQueryData<SeatMapState>(
      seatMapKey(tripId, holder),
      (state) => state && applyHoldChange(state, change),
    );
  });

  const connection: Connection = live
    ? 'live'
    : feedStatus === 'offline'
      ? 'polling'
      : feedStatus === 'reconnecting'
        ? 'reconnecting'
        : 'connecting';

  return { query, connection };
}
