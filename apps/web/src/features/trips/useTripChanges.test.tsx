import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FeedProvider } from '../../feed/feed-context';
import type { FeedStatus, SeatFeed, TripWatcher } from '../../feed/seat-feed';
import { TRIP_POLL_INTERVAL_MS, useTripChanges } from './useTripChanges';

/** A feed whose status and trip notices the test sets. */
class FakeFeed {
  status: FeedStatus = 'live';
  watchers: TripWatcher[] = [];
  private listeners = new Set<() => void>();
  getStatus = () => this.status;
  onStatus = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  setStatus(status: FeedStatus) {
    this.status = status;
    this.listeners.forEach((listener) => listener());
  }
  watch(_tripId: string, watcher: TripWatcher) {
    this.watchers.push(watcher);
    return () => (this.watchers = this.watchers.filter((w) => w !== watcher));
  }
  setToken() {}
  close() {}
}

describe('useTripChanges', () => {
  let feed: FakeFeed;
  let queryClient: QueryClient;
  let invalidated: unknown[];
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <FeedProvider feed={feed as unknown as SeatFeed}>{children}</FeedProvider>
    </QueryClientProvider>
  );

  beforeEach(() => {
    vi.useFakeTimers();
    feed = new FakeFeed();
    queryClient = new QueryClient();
    invalidated = [];
    vi.spyOn(queryClient, 'invalidateQueries').mockImplementation(async (filters) => {
      invalidated.push(filters?.queryKey);
    });
  });
  afterEach(() => vi.useRealTimers());

  it('reads the trip again when the feed says it changed, and not otherwise while live', () => {
    renderHook(() => useTripChanges('t1'), { wrapper });
    act(() => vi.advanceTimersByTime(3 * TRIP_POLL_INTERVAL_MS));
    expect(invalidated).toEqual([]);
    act(() => feed.watchers.forEach((w) => w.onTripChanged?.()));
    expect(invalidated).toEqual([['trip', 't1']]);
  });

  it('reads it again now and then while the seats are polled, and stops once live again', () => {
    renderHook(() => useTripChanges('t1'), { wrapper });
    act(() => feed.setStatus('offline'));
    act(() => vi.advanceTimersByTime(2 * TRIP_POLL_INTERVAL_MS));
    expect(invalidated).toEqual([
      ['trip', 't1'],
      ['trip', 't1'],
    ]);
    act(() => feed.setStatus('live'));
    act(() => vi.advanceTimersByTime(2 * TRIP_POLL_INTERVAL_MS));
    expect(invalidated).toHaveLength(2);
  });
});
