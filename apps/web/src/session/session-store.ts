import { isRecord, isString, readJson, writeJson } from '../lib/storage';

export interface Account {
  id: string;
  name: string;
  email: string;
  role: 'user' | 'admin';
}

/** Who the browser acts as: a signed-in user, a guest session, or nobody yet. */
export type Session =
  | { kind: 'user'; token: string; expiresAt: string; account: Account }
  | { kind: 'guest'; token: string; expiresAt: string; guestSessionId: string };

const KEY = 'vexe.session';
/** A token this close to its end is not used for new work. */
const MARGIN_MS = 60_000;

function parseAccount(value: unknown): Account | undefined {
  if (!isRecord(value)) return undefined;
  const { id, name, email, role } = value;
  if (!isString(id) || !isString(name) || !isString(email)) return undefined;
  if (role !== 'user' && role !== 'admin') return undefined;
  return { id, name, email, role };
}

export function parseSession(value: unknown): Session | undefined {
  if (!isRecord(value) || !isString(value.token) || !isString(value.expiresAt)) return undefined;
  if (Date.parse(value.expiresAt) - MARGIN_MS < Date.now()) return undefined;
  const { token, expiresAt } = value;
  if (value.kind === 'user') {
    const account = parseAccount(value.account);
    return account && { kind: 'user', token, expiresAt, account };
  }
  if (value.kind === 'guest' && isString(value.guestSessionId)) {
    return { kind: 'guest', token, expiresAt, guestSessionId: value.guestSessionId };
  }
  return undefined;
}

type Listener = () => void;

/**
 * The session, kept in localStorage so that every tab of the browser is the same holder (their
 * seat holds and feeds agree); tabs learn of each other's changes through `storage` events.
 */
class SessionStore {
  private session: Session | undefined = parseSession(readJson('local', KEY));
  private readonly listeners = new Set<Listener>();

  constructor() {
    window.addEventListener('storage', (event) => {
      if (event.key !== KEY && event.key !== null) return;
      this.session = parseSession(readJson('local', KEY));
      this.emit();
    });
  }

  /** The session while its token is good (a pure read: React reads it while rendering). */
  get = (): Session | undefined =>
    this.session && Date.parse(this.session.expiresAt) - MARGIN_MS >= Date.now()
      ? this.session
      : undefined;

  set(session: Session | undefined): void {
    this.session = session;
    writeJson('local', KEY, session);
    this.emit();
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

export const sessionStore = new SessionStore();

/** A stable id of the holder behind a session (query keys, feed identity). */
export const holderKey = (session: Session | undefined): string =>
  session
    ? `${session.kind}:${session.kind === 'user' ? session.account.id : session.guestSessionId}`
    : 'anonymous';
