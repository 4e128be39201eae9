import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import type { components } from '../../generated/openapi';
import { sessionStore } from '../../session/session-store';

export type WaitlistEntry = components['schemas']['WaitlistEntryResponse'];

/** The caller's place on the trip's list; null when not on it (or nobody is signed in yet). */
export const waitlistQuery = (tripId: string, holder: string) =>
  queryOptions({
    queryKey: ['waitlist', tripId, holder],
    queryFn: async (): Promise<WaitlistEntry | null> => {
      try {
        return await unwrap(api.GET('/trips/{tripId}/waitlist', { params: { path: { tripId } } }));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'waitlist.not_found') return null;
        throw error;
      }
    },
    enabled: holder !== 'anonymous',
    // Offers come when seats free up: look again while waiting.
    refetchInterval: (query) => (query.state.data?.status === 'waiting' ? 5000 : false),
  });

export const joinWaitlist = (tripId: string, seats: number, email: string) =>
  unwrap(
    api.POST('/trips/{tripId}/waitlist', {
      params: { path: { tripId } },
      body: { seats, contact: { email } },
    }),
  );

export const leaveWaitlist = (tripId: string) =>
  unwrap(api.DELETE('/trips/{tripId}/waitlist', { params: { path: { tripId } } }));

/**
 * A waiting-list offer e-mailed to a guest links here with a token of the guest's session in
 * the fragment (never sent to a server): the browser takes that session, unless someone is
 * signed in, and the fragment is removed from the address bar.
 */
export function adoptGuestSessionFromLink(): void {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('guest');
  if (!token) return;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  if (sessionStore.get()?.kind === 'user') return;
  try {
    const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as {
      sub?: unknown;
      exp?: unknown;
    };
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return;
    sessionStore.set({
      kind: 'guest',
      token,
      guestSessionId: claims.sub,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
    });
  } catch {
    // Not a token: the link was mangled; the page works without it.
  }
}
