import { useSyncExternalStore } from 'react';
import { api, setTokenSource } from '../api/client';
import { unwrap } from '../api/problem';
import { holderKey, sessionStore, type Account, type Session } from './session-store';

export { holderKey, type Account, type Session };

setTokenSource(() => sessionStore.get()?.token);

export function useSession(): Session | undefined {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

export const currentSession = (): Session | undefined => sessionStore.get();

export function signIn(token: string, expiresAt: string, account: Account): void {
  sessionStore.set({ kind: 'user', token, expiresAt, account });
}

export function signOut(): void {
  sessionStore.set(undefined);
}

let starting: Promise<string> | undefined;

/**
 * A token that can hold seats and book: the signed-in user's, or a guest session's (started on
 * the first hold, then shared by the browser's tabs).
 */
export async function ensureHolderToken(): Promise<string> {
  const session = sessionStore.get();
  if (session) return session.token;
  starting ??= unwrap(api.POST('/guest/sessions', { body: {} }))
    .then((guest) => {
      sessionStore.set({
        kind: 'guest',
        token: guest.token,
        expiresAt: guest.expiresAt,
        guestSessionId: guest.guestSessionId,
      });
      return guest.token;
    })
    .finally(() => {
      starting = undefined;
    });
  return starting;
}
