import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** Where the queue dashboard lives; its session cookie is sent there only. */
export const QUEUE_BOARD_PATH = '/admin/queues';
export const BOARD_SESSION_COOKIE = 'queue_board_session';
/** How long a dashboard session lasts; then the operator signs in again with a fresh token. */
export const BOARD_SESSION_TTL_SECONDS = 15 * 60;

export interface BoardSession {
  /** The admin who opened it (the token's subject). */
  sub: string;
  /** Unix seconds. */
  exp: number;
}

/**
 * The key that signs dashboard sessions, derived from the guest token secret (ours, and the same
 * on every API instance) for this use only: a session is never a guest token, nor the reverse.
 */
export function boardSessionKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, '', 'queue-board-session', 32));
}

const sign = (key: Buffer, payload: string) =>
  createHmac('sha256', key).update(payload).digest('base64url');

export function signBoardSession(key: Buffer, session: BoardSession): string {
  const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

/** The session a cookie value stands for, if its signature holds and it has not expired. */
export function verifyBoardSession(
  key: Buffer,
  value: string,
  nowSeconds: number,
): BoardSession | undefined {
  const [payload, signature, ...rest] = value.split('.');
  if (!payload || !signature || rest.length > 0 || value.length > 1024) return undefined;
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const session = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as BoardSession;
    if (typeof session.sub !== 'string' || typeof session.exp !== 'number') return undefined;
    return session.exp > nowSeconds ? session : undefined;
  } catch {
    return undefined;
  }
}

/** The value of cookie `name` in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * The Set-Cookie header of a dashboard session: HttpOnly (no script reads it), SameSite=Strict
 * (no other site's page sends it), Path=/admin/queues (no other route of ours receives it),
 * Secure over HTTPS and in production. `value` empty clears it.
 */
export function boardSessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${BOARD_SESSION_COOKIE}=${value}`,
    `Max-Age=${maxAgeSeconds}`,
    `Path=${QUEUE_BOARD_PATH}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
