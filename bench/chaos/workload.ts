import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';

/** What the clients were told: only answers they got count as promises the service made. */
export interface Outcomes {
  /** Logical operations by `operation status` (a retried request counts once, by its answer). */
  answers: Map<string, number>;
  requests: number;
  /** Trips opened as others sold out. */
  trips: string[];
  /** Operations that got no answer at all, even after retrying on the other API process. */
  unanswered: Map<string, number>;
  /** Answers of 5xx: operation, status and problem code. */
  serverErrors: Map<string, number>;
  /** Holds that got a 201. */
  locks: Map<string, { tripId: string; seats: string[] }>;
  /** Bookings that got a 201, and what was confirmed or cancelled with a 200. */
  bookings: Map<
    string,
    { tripId: string; confirmed: boolean; cancelled: boolean; cancelRequested: boolean }
  >;
}

export const newOutcomes = (): Outcomes => ({
  answers: new Map(),
  requests: 0,
  trips: [],
  unanswered: new Map(),
  serverErrors: new Map(),
  locks: new Map(),
  bookings: new Map(),
});

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const chance = (p: number) => Math.random() < p;
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  body: any;
}

export interface WorkloadOptions {
  apiPorts: number[];
  trips: string[];
  /** One bearer token per client (its user). */
  tokens: string[];
  operations: number;
  deadline: number;
  /** At most this many confirmations in all (each owes a PDF e-ticket mail). */
  confirmations: number;
  outcomes: Outcomes;
  /** Opens another trip when one is sold out, so the clients always find seats. */
  openTrip: () => Promise<string>;
}

/**
 * Clients that behave like travellers: read a trip's seat map, hold free seats, then extend,
 * release, abandon, book, change the booking's seats, confirm, cancel or let it lapse. A
 * request that gets no answer (its API process was killed) is retried on another process
 * with the same Idempotency-Key where the API takes one; an operation that never gets an
 * answer is counted as unanswered and promises nothing.
 */
export async function runWorkload(options: WorkloadOptions): Promise<void> {
  const { outcomes } = options;
  const dispatcher = new Agent({
    connections: 8,
    headersTimeout: 15_000,
    bodyTimeout: 15_000,
    connect: { timeout: 2_000 },
  });
  let operations = 0;
  let confirmations = 0;
  const more = () => operations < options.operations && Date.now() < options.deadline;
  const trips = [...options.trips];
  const replacing = new Set<string>();
  /** A sold-out trip makes way for a new one, as a timetable would. */
  const replace = async (tripId: string) => {
    if (replacing.has(tripId)) return;
    replacing.add(tripId);
    try {
      operations++;
      const next = await options.openTrip();
      bump(outcomes.answers, 'open-trip 201');
      trips[trips.indexOf(tripId)] = next;
      outcomes.trips.push(next);
    } catch {
      bump(outcomes.unanswered, 'open-trip');
    } finally {
      replacing.delete(tripId);
    }
  };

  const call = async (
    operation: string,
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    idempotent = false,
  ): Promise<Answer | undefined> => {
    operations++;
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotent) headers['idempotency-key'] = randomUUID();
    let port = pick(options.apiPorts);
    for (let attempt = 1; attempt <= 8; attempt++) {
      outcomes.requests++;
      try {
        const response = await request(`http://127.0.0.1:${port}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          dispatcher,
        });
        const text = await response.body.text();
        const answer: Answer = {
          status: response.statusCode,
          body: text ? safeJson(text) : undefined,
        };
        // 503: the process lost its database connection; 409 idempotency.in_progress: the same
        // request is still running (or died with a process not yet seen dead). Ask again.
        const retry =
          answer.status === 503 ||
          (answer.status === 409 && answer.body?.code === 'idempotency.in_progress');
        if (retry && attempt < 8) {
          await sleep(200 * attempt);
          continue;
        }
        const code = answer.status >= 400 ? ` ${answer.body?.code ?? ''}` : '';
        bump(outcomes.answers, `${operation} ${answer.status}${code}`);
        if (answer.status >= 500) {
          bump(outcomes.serverErrors, `${operation} ${answer.status} ${answer.body?.code ?? ''}`);
        }
        return answer;
      } catch {
        // No answer: the process died or is starting again. Try another one.
        port = options.apiPorts[(options.apiPorts.indexOf(port) + 1) % options.apiPorts.length];
        await sleep(150 * attempt);
      }
    }
    bump(outcomes.unanswered, operation);
    return undefined;
  };

  const passenger = (seatNumber: string, n: number) => ({
    seatNumber,
    fullName: 'Trần Văn Chaos',
    idType: 'citizen_id',
    idNumber: String(100000000000 + n),
    phone: `+8491${String(n % 10_000_000).padStart(7, '0')}`,
    passengerType: n % 4 === 0 ? 'child' : 'adult',
  });
  let passengers = 0;

  const client = async (token: string) => {
    while (more()) {
      const tripId = pick(trips);
      const map = await call('seat-map', token, 'GET', `/trips/${tripId}/seats`);
      if (map?.status !== 200) continue;
      const free = (map.body.seats as { seatNumber: string; status: string }[])
        .filter((s) => s.status === 'available')
        .map((s) => s.seatNumber);
      if (free.length < 4) {
        await replace(tripId);
        continue;
      }
      const seats = [
        ...new Set(Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => pick(free))),
      ];
      const lock = await call(
        'lock',
        token,
        'POST',
        '/seats/lock',
        { tripId, seatNumbers: seats },
        true,
      );
      if (lock?.status !== 201) continue;
      outcomes.locks.set(lock.body.lockId, { tripId, seats });
      if (chance(0.15))
        await call('extend', token, 'PATCH', `/seats/lock/${lock.body.lockId}/extend`);
      const next = Math.random();
      if (next < 0.2) {
        await call('release', token, 'DELETE', `/seats/lock/${lock.body.lockId}`);
        continue;
      }
      if (next < 0.3) continue; // abandoned: the hold expires
      const book = await call(
        'book',
        token,
        'POST',
        '/bookings',
        {
          tripId,
          seatNumbers: seats,
          passengers: seats.map((seat) => passenger(seat, passengers++)),
          contact: { email: 'chaos@example.com', phone: '+84912000111' },
        },
        true,
      );
      if (book?.status !== 201) continue;
      const bookingId = book.body.bookingId as string;
      const record = { tripId, confirmed: false, cancelled: false, cancelRequested: false };
      outcomes.bookings.set(bookingId, record);
      if (chance(0.15)) {
        // Move the first passenger to another free seat.
        const to = free.find((s) => !seats.includes(s));
        if (to) {
          const moved = [to, ...seats.slice(1)];
          await call('modify', token, 'PATCH', `/bookings/${bookingId}`, {
            seatNumbers: moved,
            passengers: moved.map((seat) => passenger(seat, passengers++)),
          });
        }
      }
      if (chance(0.2)) await call('read', token, 'GET', `/bookings/${bookingId}`);
      const end = Math.random();
      if (end < 0.15) continue; // abandoned: the pending booking expires
      if (end < 0.35 || confirmations >= options.confirmations) {
        record.cancelRequested = true;
        const cancel = await call('cancel', token, 'DELETE', `/bookings/${bookingId}?reason=chaos`);
        if (cancel?.status === 200) record.cancelled = true;
        continue;
      }
      confirmations++;
      const confirm = await call('confirm', token, 'POST', `/bookings/${bookingId}/confirm`, {
        paymentReference: `PAY-${bookingId}`,
        paymentMethod: 'card',
      });
      if (confirm?.status === 200) {
        record.confirmed = true;
        // Paid bookings change too: a passenger moves to another free seat, or one leaves.
        const passengers = confirm.body.passengers as { passengerId: string; seatNumber: string }[];
        if (chance(0.2)) {
          const to = free.find((s) => !seats.includes(s));
          if (to) {
            await call('seat-change', token, 'POST', `/bookings/${bookingId}/seat-changes`, {
              passengerId: passengers[0].passengerId,
              toSeatNumber: to,
            });
          }
        }
        if (passengers.length > 1 && chance(0.2)) {
          await call(
            'cancel-passenger',
            token,
            'DELETE',
            `/bookings/${bookingId}/passengers/${passengers[passengers.length - 1].passengerId}`,
          );
        }
      }
      if (chance(0.6)) {
        record.cancelRequested = true;
        const cancel = await call('cancel', token, 'DELETE', `/bookings/${bookingId}?reason=chaos`);
        if (cancel?.status === 200) record.cancelled = true;
      }
    }
  };

  try {
    await Promise.all(options.tokens.map(client));
  } finally {
    await dispatcher.close();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 200);
  }
}
