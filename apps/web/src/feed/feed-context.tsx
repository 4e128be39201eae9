import {
  createContext,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { API_BASE_URL } from '../lib/env';
import { useLatest } from '../lib/useLatest';
import { useSession } from '../session/session';
import { SeatFeed, type FeedStatus } from './seat-feed';
import type { HoldChange } from './types';

const FeedContext = createContext<SeatFeed | null>(null);

/** The app's seat feed connection, speaking for the current session's holder. */
export function FeedProvider({ children, feed }: { children: ReactNode; feed?: SeatFeed }) {
  const [value] = useState(() => feed ?? new SeatFeed(API_BASE_URL));
  const token = useSession()?.token;
  useEffect(() => value.setToken(token), [value, token]);
  useEffect(() => () => value.close(), [value]);
  return <FeedContext.Provider value={value}>{children}</FeedContext.Provider>;
}

export function useSeatFeed(): SeatFeed {
  const value = useContext(FeedContext);
  if (!value) throw new Error('useSeatFeed outside FeedProvider');
  return value;
}

export function useFeedStatus(): FeedStatus {
  const feed = useSeatFeed();
  return useSyncExternalStore(feed.onStatus, feed.getStatus);
}

/** Calls `listener` with every change of the holder's holds while mounted and `enabled`. */
export function useHoldChanges(listener: (change: HoldChange) => void, enabled = true): void {
  const feed = useSeatFeed();
  const latest = useLatest(listener);
  useEffect(() => {
    if (!enabled) return;
    return feed.onHoldChange((change) => latest.current(change));
  }, [feed, latest, enabled]);
}
