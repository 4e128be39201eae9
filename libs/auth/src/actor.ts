export const ROLES = ['user', 'admin', 'guest', 'driver'] as const;
export type Role = (typeof ROLES)[number];

/** The caller, as established from a verified bearer token. */
export interface Actor {
  /** User id (JWT `sub`) or guest session id. */
  id: string;
  kind: 'user' | 'guest';
  roles: readonly Role[];
  email?: string;
  name?: string;
  /**
   * Set on a booking access token (POST /bookings/guest/verify): the one booking it opens. Such
   * a caller can act on that booking only, whoever owns it now.
   */
  scope?: BookingScope;
}

export interface BookingScope {
  bookingId: string;
  /** The guest proved the contact by a one-time code, not only by knowing it. */
  viaCode: boolean;
}

export const SYSTEM_ACTOR = { kind: 'system', id: 'system' } as const;

export function hasRole(actor: Actor | null | undefined, role: Role): boolean {
  return !!actor && actor.roles.includes(role);
}

export function isAdmin(actor: Actor | null | undefined): boolean {
  return hasRole(actor, 'admin');
}

/** How an actor is recorded in event metadata. */
export function eventActorOf(actor: Actor): { kind: 'user' | 'guest' | 'admin'; id: string } {
  return { kind: isAdmin(actor) ? 'admin' : actor.kind, id: actor.id };
}

/** Whoever asks a command to run: a caller with a token, or the system (worker, seed). */
export type Caller = Actor | typeof SYSTEM_ACTOR;

export function isSystem(caller: Caller): caller is typeof SYSTEM_ACTOR {
  return caller.kind === 'system';
}

/** How a caller is recorded in event metadata. */
export function callerRef(caller: Caller): {
  kind: 'user' | 'guest' | 'admin' | 'system';
  id: string;
} {
  return isSystem(caller) ? { kind: 'system', id: caller.id } : eventActorOf(caller);
}
