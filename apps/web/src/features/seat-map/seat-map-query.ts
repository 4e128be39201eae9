import { api } from '../../api/client';
import { ApiError, type ProblemDetails } from '../../api/problem';
import { applyPolled, type SeatMapState, type SeatUpdate } from './seat-state';

export const seatMapKey = (tripId: string, holder: string) => ['seat-map', tripId, holder] as const;

/**
 * The seat map over HTTP: the whole map the first time, then only what changed since our
 * version (`sinceVersion`), revalidated with `If-None-Match` (304: nothing changed).
 */
export async function fetchSeatMap(
  tripId: string,
  current: SeatMapState | undefined,
  signal: AbortSignal | undefined,
): Promise<{ state: SeatMapState; updates: SeatUpdate[] }> {
  const { data, error, response } = await api.GET('/trips/{tripId}/seats', {
    params: {
      path: { tripId },
      query: current ? { sinceVersion: current.version } : undefined,
      header: current ? { 'If-None-Match': current.etag } : undefined,
    },
    cache: 'no-store',
    signal,
  });
  if (response.status === 304 && current) return { state: current, updates: [] };
  if (!data) {
    const problem: ProblemDetails | undefined = typeof error === 'object' ? error : undefined;
    throw new ApiError(response.status, problem);
  }
  const polled = applyPolled(current, data);
  const etag = response.headers.get('etag');
  return { state: etag ? { ...polled.state, etag } : polled.state, updates: polled.updates };
}
