import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import { randomId } from '../../lib/id';

/** A hold as the page keeps it; `deadline` is on this browser's clock. */
export interface Hold {
  lockId: string;
  tripId: string;
  seatNumbers: string[];
  expiresAt: string;
  deadline: number;
}

/** The server's clock ahead of ours, from the last hold answer (ms). */
let serverAhead = 0;

export const deadlineOf = (expiresAt: string): number => Date.parse(expiresAt) - serverAhead;

function toHold(
  answer: { lockId: string; expiresAt: string; expiresInSeconds: number },
  tripId: string,
  seatNumbers: string[],
  receivedAt: number,
): Hold {
  const deadline = receivedAt + answer.expiresInSeconds * 1000;
  serverAhead = Date.parse(answer.expiresAt) - deadline;
  return { lockId: answer.lockId, tripId, seatNumbers, expiresAt: answer.expiresAt, deadline };
}

/**
 * Holds seats (`POST /seats/lock`) with an Idempotency-Key, so that a retry after a lost answer
 * cannot hold twice; one retry on a network failure, with the same key.
 */
export async function lockSeats(tripId: string, seatNumbers: string[]): Promise<Hold> {
  const key = randomId();
  const attempt = () =>
    unwrap(
      api.POST('/seats/lock', {
        params: { header: { 'Idempotency-Key': key } },
        body: { tripId, seatNumbers },
      }),
    );
  let answer;
  try {
    answer = await attempt();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 0) throw error;
    answer = await attempt();
  }
  return toHold(answer, tripId, answer.seatNumbers, Date.now());
}

export async function extendHold(hold: Hold): Promise<Hold> {
  const answer = await unwrap(
    api.PATCH('/seats/lock/{lockId}/extend', { params: { path: { lockId: hold.lockId } } }),
  );
  return toHold(answer, hold.tripId, hold.seatNumbers, Date.now());
}

/** Releases a hold; one already ended is fine. `keepalive` lets it outlive the page. */
export async function releaseHold(lockId: string, keepalive = false): Promise<void> {
  await api
    .DELETE('/seats/lock/{lockId}', { params: { path: { lockId } }, keepalive })
    .catch(() => undefined);
}
