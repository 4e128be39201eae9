/**
 * A traveller's whole journey through the API, written as a frontend team would write it: with
 * openapi-fetch and the types openapi-typescript generates from openapi/openapi.json, and
 * nothing else. typed-client.e2e-spec.ts generates `./schema.d.ts` next to a copy of this file,
 * typechecks it with `tsc --strict` and runs it against a real server.
 *
 * House rules (checked by the spec): no `as`, no `any`, no `!`, no type predicates, no `@ts-`
 * comments. Narrow with `if (!data) throw …`, `in`, and problems' `code`. Where the spec's types
 * are too weak for correct code, the code stays correct and tsc reports the spec.
 *
 * This folder starts with a dot so that the repository's own tsc leaves it alone (it has no
 * `./schema` to import). For an editor, generate one (it is ignored by git):
 *   npx openapi-typescript openapi/openapi.json -o test/typed-client/.flow/schema.d.ts
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** A passenger as POST /bookings takes one. */
type Passenger = NonNullable<
  paths['/bookings']['post']['requestBody']
>['content']['application/json']['passengers'][number];

export interface FlowOptions {
  baseUrl: string;
  /** Sees every answer (the harness checks each one against the OpenAPI document). */
  observer: Middleware;
  /** Bearer tokens from the platform's auth service. */
  tokens: { admin: string; driver: string; user: string };
  /** The signed-in user of `tokens.user`; the guest booking is made with their e-mail. */
  user: { id: string; email: string };
  /** A scanner: the QR payloads printed on a ticket, one per passenger. */
  scanTicket(ticket: ScannableTicket): Promise<string[]>;
  log?(line: string): void;
}

export interface ScannableTicket {
  pdf: Uint8Array;
  html: string;
  bookingId: string;
  reference: string;
  tripId: string;
  departureAt: string;
  passengers: { seatNumber: string }[];
}

export interface FlowResult {
  tripId: string;
  bookingId: string;
  reference: string;
  seatNumbers: string[];
}

/** An openapi-fetch answer: data, or the error body. */
type Answer<D, E> =
  { data: D; error?: never; response: Response } | { data?: never; error: E; response: Response };

class FlowError extends Error {}

function explain(problem: unknown): string {
  if (typeof problem === 'object' && problem !== null && 'code' in problem && 'detail' in problem) {
    return `${String(problem.code)}: ${String(problem.detail)}`;
  }
  return JSON.stringify(problem) ?? 'no body';
}

/** The data of a successful answer; throws with the problem otherwise. */
function ok<D, E>(step: string, answer: Answer<D, E>): NonNullable<D> {
  const { data, error, response } = answer;
  if (data === undefined || data === null) {
    throw new FlowError(`${step}: HTTP ${response.status} (${explain(error)})`);
  }
  return data;
}

/** A deliberate error call that got another answer. */
function unexpected(expected: string, answer: { error?: unknown; response: Response }): never {
  throw new FlowError(
    `expected ${expected}, got HTTP ${answer.response.status} (${explain(answer.error)})`,
  );
}

function ensure(condition: boolean, what: string): void {
  if (!condition) throw new FlowError(`unexpected answer: ${what}`);
}

export async function runFlow(options: FlowOptions): Promise<FlowResult> {
  const { tokens, user } = options;
  const log = (line: string) => options.log?.(line);
  const client = createClient<paths>({ baseUrl: options.baseUrl });
  client.use(options.observer);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const tag = crypto.randomUUID().slice(0, 8).toUpperCase();

  // The service is up.
  ok('health/live', await client.GET('/health/live'));
  const ready = ok('health/ready', await client.GET('/health/ready'));
  ensure(ready.checks.postgres === 'ok', 'postgres ready');

  // The operator registers a coach and schedules a trip on it (admin).
  const bus = ok(
    'register a bus',
    await client.POST('/admin/buses', {
      headers: bearer(tokens.admin),
      body: {
        name: `Typed client coach ${tag}`,
        plateNumber: `TC-${tag}`,
        seats: [
          { seatNumber: 'A1', deck: 1, row: 1, col: 1, type: 'limousine', accessible: true },
          { seatNumber: 'A2', deck: 1, row: 1, col: 2, type: 'limousine' },
          { seatNumber: 'B1', deck: 1, row: 2, col: 1, type: 'standard' },
          { seatNumber: 'B2', deck: 1, row: 2, col: 2, type: 'standard' },
          { seatNumber: 'C1', deck: 2, row: 1, col: 1, type: 'standard' },
          { seatNumber: 'C2', deck: 2, row: 1, col: 2, type: 'standard' },
        ],
      },
    }),
  );
  ensure(bus.seats.length === 6, 'the bus has its 6 seats');

  const departure = new Date(Date.now() + 48 * 3600_000);
  const origin = `Typed ${tag}`;
  const scheduled = ok(
    'schedule a trip',
    await client.POST('/admin/trips', {
      headers: bearer(tokens.admin),
      body: {
        busId: bus.id,
        origin,
        destination: 'Đà Lạt',
        departureAt: departure.toISOString(),
        arrivalAt: new Date(departure.getTime() + 6 * 3600_000).toISOString(),
        fares: {
          standard: { amount: 300000, currency: 'VND' },
          limousine: { amount: 420000, currency: 'VND' },
        },
      },
    }),
  );
  const tripId = scheduled.id;
  log(`trip ${tripId}`);

  // A traveller finds the trip and looks at its seats.
  const trips = ok(
    'list trips',
    await client.GET('/trips', { params: { query: { origin, limit: 10 } } }),
  );
  const listed = trips.items.find((t) => t.id === tripId);
  if (!listed) throw new FlowError('the new trip is not listed');
  ensure(listed.status === 'scheduled', 'the trip is scheduled');

  const trip = ok(
    'get the trip',
    await client.GET('/trips/{tripId}', { params: { path: { tripId } } }),
  );
  ensure(trip.bus.seatCount === 6, 'the trip shows its bus');
  const limousineFare = trip.fares.limousine;
  if (!limousineFare) throw new FlowError('the trip has no limousine fare');

  const mapAnswer = await client.GET('/trips/{tripId}/seats', { params: { path: { tripId } } });
  const map = ok('seat map', mapAnswer);
  if (!('seats' in map)) throw new FlowError('expected a whole seat map');
  const free = map.seats.filter((s) => s.status === 'available' && !s.accessible);
  const first = free.find((s) => s.type === 'limousine');
  const [second, third] = free.filter((s) => s.type === 'standard');
  if (!first || !second || !third) throw new FlowError('expected free seats of both types');
  ensure(first.price.amount === limousineFare.amount, 'a limousine seat costs the limousine fare');
  const etag = mapAnswer.response.headers.get('etag');
  if (!etag) throw new FlowError('the seat map has no ETag');
  const unchanged = await client.GET('/trips/{tripId}/seats', {
    params: { path: { tripId }, header: { 'If-None-Match': etag } },
  });
  ensure(unchanged.response.status === 304, 'If-None-Match → 304');

  // A guest session holds two seats.
  const session = ok('start a guest session', await client.POST('/guest/sessions', { body: {} }));
  const guest = session.token;
  const seatNumbers = [first.seatNumber, second.seatNumber];
  const lock = ok(
    'lock seats',
    await client.POST('/seats/lock', {
      headers: bearer(guest),
      params: { header: { 'Idempotency-Key': `lock-${tag}` } },
      body: { tripId, seatNumbers },
    }),
  );
  ensure(lock.expiresInSeconds > 0, 'the hold lasts');
  log(`lock ${lock.lockId}: ${lock.seatNumbers.join(', ')}`);

  const held = ok(
    'lock status',
    await client.GET('/seats/lock/{tripId}/status', {
      headers: bearer(guest),
      params: { path: { tripId }, query: { seatNumbers } },
    }),
  );
  ensure(
    held.seats.every((s) => s.status === 'locked' && s.heldByYou),
    'both seats are held by the guest',
  );

  const changes = ok(
    'seat changes',
    await client.GET('/trips/{tripId}/seats', {
      params: { path: { tripId }, query: { sinceVersion: map.version } },
    }),
  );
  if (!('changes' in changes)) throw new FlowError('expected seat changes');
  ensure(
    changes.changes.some((c) => c.seatNumber === first.seatNumber && c.status === 'locked'),
    'the change feed shows the hold',
  );

  // Deliberate errors: someone else's hold (409), a malformed body (400), an unknown trip (404),
  // no token (401). Problems are told apart by their code, as the document types them.
  const clash = await client.POST('/seats/lock', {
    headers: bearer(tokens.user),
    body: { tripId, seatNumbers: [first.seatNumber, third.seatNumber] },
  });
  if (clash.error?.code !== 'seat.unavailable') unexpected('409 seat.unavailable', clash);
  ensure(clash.response.status === 409, '409');
  const conflicts = clash.error.conflicts ?? [];
  ensure(
    conflicts.some((c) => c.seatNumber === first.seatNumber && c.status === 'locked'),
    'the conflict names the held seat',
  );

  const malformed = await client.POST('/seats/lock', {
    headers: bearer(tokens.user),
    body: { tripId: 'not-a-trip', seatNumbers: [third.seatNumber] },
  });
  if (malformed.error?.code !== 'request.invalid') unexpected('400 request.invalid', malformed);
  ensure(malformed.response.status === 400, '400');
  ensure(
    (malformed.error.errors ?? []).some((e) => e.field === 'tripId'),
    'the problem names tripId',
  );

  const unknown = await client.GET('/trips/{tripId}', {
    params: { path: { tripId: crypto.randomUUID() } },
  });
  if (unknown.error?.code !== 'trip.not_found') unexpected('404 trip.not_found', unknown);
  ensure(unknown.response.status === 404, '404');

  const anonymous = await client.POST('/seats/lock', {
    body: { tripId, seatNumbers: [third.seatNumber] },
  });
  if (anonymous.error?.code !== 'auth.missing_token') unexpected('401', anonymous);
  ensure(anonymous.response.status === 401, '401');

  // The signed-in user holds a third seat, extends the hold, then lets it go.
  const own = ok(
    'lock a third seat',
    await client.POST('/seats/lock', {
      headers: bearer(tokens.user),
      body: { tripId, seatNumbers: [third.seatNumber] },
    }),
  );
  const lockPath = { path: { lockId: own.lockId } };
  ok(
    'extend the hold',
    await client.PATCH('/seats/lock/{lockId}/extend', {
      headers: bearer(tokens.user),
      params: lockPath,
    }),
  );
  const released = ok(
    'release the hold',
    await client.DELETE('/seats/lock/{lockId}', { headers: bearer(tokens.user), params: lockPath }),
  );
  ensure(released.released, 'released');

  // The guest books the two seats: one adult, one child; then corrects the child's name.
  const adult: Passenger = {
    seatNumber: first.seatNumber,
    fullName: 'Nguyễn Thị Ánh',
    idType: 'citizen_id',
    idNumber: '079123456789',
    phone: '+84912345678',
    email: 'anh@example.com',
    passengerType: 'adult',
  };
  const child: Passenger = {
    seatNumber: second.seatNumber,
    fullName: 'Tran Minh Khoi',
    idType: 'passport',
    idNumber: 'C1234567',
    phone: '+84912345679',
    passengerType: 'child',
  };
  const created = ok(
    'create a booking',
    await client.POST('/bookings', {
      headers: bearer(guest),
      params: { header: { 'Idempotency-Key': `booking-${tag}` } },
      body: {
        tripId,
        seatNumbers,
        passengers: [adult, child],
        contact: { email: user.email, phone: '+84912345678' },
      },
    }),
  );
  const bookingId = created.bookingId;
  const reference = created.bookingReference;
  const path = { path: { bookingId } };
  log(`booking ${reference} (${bookingId})`);
  ensure(created.status === 'pending', 'pending');
  const { subtotal, tax, total, lines } = created.priceBreakdown;
  ensure(total.amount === subtotal.amount + tax.amount, 'total = subtotal + tax');
  const childLine = lines.find((l) => l.passengerType === 'child');
  if (!childLine) throw new FlowError('no price line for the child');
  ensure(childLine.discount.amount > 0, 'the child pays less');

  const modified = ok(
    'correct a passenger',
    await client.PATCH('/bookings/{bookingId}', {
      headers: bearer(guest),
      params: path,
      body: { passengers: [adult, { ...child, fullName: 'Trần Minh Khôi' }] },
    }),
  );
  ensure(
    modified.passengers.some((p) => p.fullName === 'Trần Minh Khôi'),
    'the name is corrected',
  );
  const fetched = ok(
    'get the booking',
    await client.GET('/bookings/{bookingId}', {
      headers: bearer(guest),
      params: path,
    }),
  );
  ensure(fetched.version === modified.version, 'the same version');

  const confirmed = ok(
    'confirm',
    await client.POST('/bookings/{bookingId}/confirm', {
      headers: bearer(guest),
      params: path,
      body: { paymentReference: `PAY-${tag}`, paymentMethod: 'card' },
    }),
  );
  ensure(confirmed.status === 'confirmed', 'confirmed');
  ensure(confirmed.paymentStatus === 'completed', 'paid');

  // The e-ticket: the PDF, its HTML preview, the QR codes on it, and e-mails.
  const pdf = ok(
    'e-ticket',
    await client.GET('/bookings/{bookingId}/e-ticket', {
      headers: bearer(guest),
      params: path,
      parseAs: 'arrayBuffer',
    }),
  );
  const pdfBytes = new Uint8Array(pdf);
  ensure(new TextDecoder().decode(pdfBytes.subarray(0, 5)) === '%PDF-', 'a PDF');
  const html = ok(
    'e-ticket preview',
    await client.GET('/bookings/{bookingId}/e-ticket/preview', {
      headers: bearer(guest),
      params: path,
      parseAs: 'text',
    }),
  );
  ensure(html.includes(reference), 'the preview shows the reference');
  const payloads = await options.scanTicket({
    pdf: pdfBytes,
    html,
    bookingId,
    reference,
    tripId: confirmed.tripId,
    departureAt: confirmed.trip.departureAt,
    passengers: confirmed.passengers,
  });
  ensure(payloads.length === 2, 'one QR code per passenger');
  const emailed = ok(
    'e-mail the ticket',
    await client.POST('/bookings/{bookingId}/email-ticket', {
      headers: bearer(guest),
      params: path,
    }),
  );
  ensure(emailed.jobId.length > 0, 'a job');
  ok(
    'resend the confirmation',
    await client.POST('/bookings/{bookingId}/resend-confirmation', {
      headers: bearer(guest),
      params: path,
    }),
  );

  // Later, without the session: lookup and verification by reference and e-mail.
  const found = ok(
    'guest lookup',
    await client.GET('/bookings/guest/lookup', {
      params: { query: { reference, email: user.email } },
    }),
  );
  ensure(found.masked && found.contact.email !== user.email, 'masked');

  const verified = ok(
    'guest verify',
    await client.POST('/bookings/guest/verify', { body: { reference, email: user.email } }),
  );
  if (!('accessToken' in verified)) throw new FlowError('a one-time code was asked for');
  const access = verified.accessToken;
  const byReference = ok(
    'booking by reference',
    await client.GET('/bookings/reference/{reference}', {
      headers: bearer(access),
      params: { path: { reference } },
    }),
  );
  ensure(byReference.bookingId === bookingId, 'the same booking');

  // The driver scans the codes.
  const key = ok('public key', await client.GET('/tickets/public-key'));
  ensure(key.algorithm === 'Ed25519' && key.jwk.kty === 'OKP', 'an Ed25519 key');
  for (const payload of payloads) {
    const check = ok(
      'verify a ticket',
      await client.POST('/tickets/verify', {
        headers: bearer(tokens.driver),
        body: { payload, tripId },
      }),
    );
    const ticket = check.ticket;
    if (!check.valid || !ticket) throw new FlowError(`invalid ticket: ${check.reason}`);
    ensure(ticket.bookingId === bookingId && seatNumbers.includes(ticket.seatNumber), 'our seat');
  }

  // The guest cancels with the access token: 90 % back, more than a day before departure.
  const cancelled = ok(
    'cancel',
    await client.DELETE('/bookings/{bookingId}', {
      headers: bearer(access),
      params: { path: { bookingId }, query: { reason: 'change of plans' } },
    }),
  );
  ensure(cancelled.status === 'cancelled', 'cancelled');
  ensure(cancelled.refund.percent === 90, '90 % refund');
  ensure(cancelled.paymentStatus === 'refunded', 'refunded');

  const voided = ok(
    'verify a void ticket',
    await client.POST('/tickets/verify', {
      headers: bearer(tokens.driver),
      body: { payload: payloads[0], tripId },
    }),
  );
  ensure(!voided.valid && voided.reason === 'ticket.void', 'the ticket is void');
  const noTicket = await client.GET('/bookings/{bookingId}/e-ticket', {
    headers: bearer(access),
    params: path,
    parseAs: 'arrayBuffer',
  });
  if (noTicket.error?.code !== 'ticket.void') unexpected('409 ticket.void', noTicket);
  ensure(noTicket.response.status === 409, '409');
  const freed = ok(
    'lock status after cancelling',
    await client.GET('/seats/lock/{tripId}/status', {
      params: { path: { tripId }, query: { seatNumbers } },
    }),
  );
  ensure(
    freed.seats.every((s) => s.status === 'available'),
    'the seats are free again',
  );

  // The signed-in user takes the booking into their account and finds it in their history.
  const userPath = { path: { userId: user.id } };
  const claimed = ok(
    'claim',
    await client.POST('/users/{userId}/bookings/claim', {
      headers: bearer(tokens.user),
      params: userPath,
      body: { reference, email: user.email },
    }),
  );
  if (!('bookingId' in claimed)) throw new FlowError('a one-time code was asked for');
  ensure(claimed.claimedAt !== undefined, 'claimed');

  const history = ok(
    'history',
    await client.GET('/users/{userId}/bookings', {
      headers: bearer(tokens.user),
      params: {
        ...userPath,
        query: { status: 'cancelled', sort: 'createdAt', order: 'desc', limit: 10 },
      },
    }),
  );
  const mine = history.items.find((b) => b.bookingId === bookingId);
  if (!mine) throw new FlowError('the booking is not in the history');
  ensure(mine.cancellation?.refund.percent === 90, 'the history shows the refund');

  const stats = ok(
    'stats',
    await client.GET('/users/{userId}/bookings/stats', {
      headers: bearer(tokens.user),
      params: userPath,
    }),
  );
  ensure(stats.totalBookings >= 1, 'counted');
  ensure(stats.byStatus.cancelled >= 1, 'counted as cancelled');

  const audit = ok(
    'audit trail',
    await client.GET('/bookings/{bookingId}/history', {
      headers: bearer(tokens.user),
      params: path,
    }),
  );
  const types = audit.entries.map((e) => e.type);
  ensure(types.includes('BookingCancelled') && types.includes('BookingClaimed'), 'the audit trail');
  const cancellation = audit.entries.find((e) => e.type === 'BookingCancelled');
  ensure(cancellation?.actor.kind === 'guest', 'cancelled by the guest');

  return { tripId, bookingId, reference, seatNumbers };
}
