import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  AsyncAPIDocumentInterface,
  DiagnosticSeverity,
  fromFile,
  MessageInterface,
  Parser,
} from '@asyncapi/parser';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Namespace, Socket } from 'socket.io';
import * as ts from 'typescript';
import { signPlatformToken, TokenVerifier } from '@app/auth';
import { ManualClock } from '@app/clock';
import { AppConfig, loadConfig } from '@app/config';
import { ERROR_CATALOG, ErrorCode, isErrorCode, STATUS_BY_KIND } from '@app/errors';
import { EventSubscriptionFactory, PostgresEventStore, RecordedEvent } from '@app/event-store';
import {
  Holder,
  SeatAllocationEvent,
  seatAllocationStreamId,
  SeatFeed,
  TripRecord,
} from '@app/seating';
import { SeatFeedGateway } from '../apps/api/src/seating/seat-feed.gateway';
import type { Metrics } from '../apps/api/src/ops/metrics';

/**
 * The seat feed's contract (openapi/asyncapi.yaml) against the code: the document parses
 * without errors (its references into openapi.json included), names exactly the events the
 * gateway handles and emits, and what the real gateway sends validates against its schemas.
 */
const ROOT = resolve(__dirname, '..');
const DOCUMENT = resolve(ROOT, 'openapi/asyncapi.yaml');
const GATEWAY = resolve(ROOT, 'apps/api/src/seating/seat-feed.gateway.ts');

let document: AsyncAPIDocumentInterface;

beforeAll(async () => {
  const { document: parsed, diagnostics } = await fromFile(new Parser(), DOCUMENT).parse();
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
  expect(errors.map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`)).toEqual([]);
  expect(parsed).toBeDefined();
  document = parsed!;
}, 60_000);

/** The messages of the document that are Socket.io events (not acknowledgements), by direction. */
function documentedEvents() {
  const replies = new Set<string>();
  const events = { receive: new Set<string>(), send: new Set<string>() };
  for (const operation of document.operations().all()) {
    for (const message of operation.reply()?.messages().all() ?? []) replies.add(message.id());
  }
  for (const operation of document.operations().all()) {
    for (const message of operation.messages().all()) {
      if (replies.has(message.id())) continue;
      events[operation.isReceive() ? 'receive' : 'send'].add(message.name()!);
    }
  }
  return { ...events, replies };
}

/**
 * The event names in the gateway's source: `x.on('name', …)` are events it handles,
 * `x.emit('name', …)` events it sends. A name that is not a string literal fails the test
 * rather than escaping the check.
 */
function gatewayEvents() {
  const source = ts.createSourceFile(
    GATEWAY,
    readFileSync(GATEWAY, 'utf8'),
    ts.ScriptTarget.ES2022,
    true,
  );
  const events = { handled: new Set<string>(), emitted: new Set<string>() };
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ['on', 'emit'].includes(node.expression.name.text)
    ) {
      const [name] = node.arguments;
      if (!name || !ts.isStringLiteralLike(name)) {
        throw new Error(`cannot read the event name of ${node.getText()}; teach this test how`);
      }
      events[node.expression.name.text === 'on' ? 'handled' : 'emitted'].add(name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return events;
}

describe('openapi/asyncapi.yaml', () => {
  it('describes exactly the events the gateway handles and emits', () => {
    const code = gatewayEvents();
    const documented = documentedEvents();
    expect([...documented.receive].sort()).toEqual([...code.handled].sort());
    expect([...documented.send].sort()).toEqual([...code.emitted].sort());
    // Every message of the channel is an event or an acknowledgement of one.
    const channel = document.channels().all();
    expect(channel).toHaveLength(1);
    expect(channel[0].address()).toBe('/seats');
    for (const message of channel[0].messages().all()) {
      const isEvent = [...documented.receive, ...documented.send].includes(message.name()!);
      expect([message.id(), isEvent || documented.replies.has(message.id())]).toEqual([
        message.id(),
        true,
      ]);
    }
  });

  it('acknowledges subscribe and unsubscribe (request/reply operations)', () => {
    for (const name of ['subscribe', 'unsubscribe']) {
      const operation = document
        .operations()
        .all()
        .find((o) =>
          o
            .messages()
            .all()
            .some((m) => m.name() === name),
        )!;
      expect(operation.isReceive()).toBe(true);
      expect(
        operation
          .reply()
          ?.messages()
          .all()
          .map((m) => m.id()),
      ).toEqual([`${name}Accepted`, 'requestRefused']);
    }
  });

  it('shares the seat view and the fares with openapi.json', () => {
    const text = readFileSync(DOCUMENT, 'utf8');
    const refs = [...text.matchAll(/\$ref: '\.\/openapi\.json#\/components\/schemas\/(\w+)'/g)];
    const openapi = JSON.parse(readFileSync(resolve(ROOT, 'openapi/openapi.json'), 'utf8'));
    expect(refs.map((r) => r[1])).toEqual(['SeatResponse', 'FaresResponse']);
    for (const [, name] of refs) expect(openapi.components.schemas[name]).toBeDefined();
  });

  it('lists problem codes of the error catalog, with their statuses', () => {
    const problem = document.components().schemas().get('SeatFeedProblem')!.properties()!;
    const codes = problem.code.enum() as string[];
    for (const code of codes) expect([code, isErrorCode(code)]).toEqual([code, true]);
    const statuses = codes.map((code) => STATUS_BY_KIND[ERROR_CATALOG[code as ErrorCode].kind]);
    expect([...new Set(statuses)].sort()).toEqual([...(problem.status.enum() as number[])].sort());
  });

  it('has examples that match their payload schemas', () => {
    const validators = payloadValidators();
    let examples = 0;
    for (const message of document.allMessages().all()) {
      for (const example of message.examples().all()) {
        examples += 1;
        expectValid(validators, message.id(), example.payload());
      }
    }
    expect(examples).toBeGreaterThanOrEqual(10);
  });

  it('matches what the gateway sends: snapshots, deltas, hold changes, errors and acknowledgements', async () => {
    const validators = payloadValidators();
    const harness = await feedHarness();
    const { trip, other, alice, bob, record } = harness;

    const refused = await harness.connect('not-a-jwt').catch((error: { data?: unknown }) => error);
    expect(refused).toMatchObject({ data: { code: 'auth.invalid_token', status: 401 } });
    const aliceTab = await harness.connect(alice.token); // token in the handshake
    const bobTab = await harness.connect(); // token with the subscription
    const anonymous = await harness.connect();

    const aliceFirst = randomUUID();
    await record({ type: 'SeatsLocked', data: locked(trip.id, aliceFirst, alice, ['S1']) });
    const acks = [
      await aliceTab.send('subscribe', { tripId: trip.id }),
      await bobTab.send('subscribe', { tripId: trip.id.toUpperCase(), token: bob.token }),
      await anonymous.send('subscribe', { tripId: trip.id }),
    ];
    expect(acks).toEqual(Array(3).fill({ ok: true, tripId: trip.id, version: 1 }));

    const bobLock = randomUUID();
    const aliceSecond = randomUUID();
    await record({ type: 'SeatsLocked', data: locked(trip.id, bobLock, bob, ['S2', 'S3']) });
    await record({
      type: 'SeatsLocked',
      data: {
        ...locked(trip.id, aliceSecond, alice, ['S1', 'S4']),
        transferredFrom: [{ lockId: aliceFirst, seatNumbers: ['S1'] }],
      },
    });
    await record({
      type: 'SeatLockExtended',
      data: {
        lockId: bobLock,
        tripId: trip.id,
        expiresAt: at(25),
        previousExpiresAt: at(15),
        holder: bob.holder,
        seatNumbers: ['S2', 'S3'],
      },
    });
    const bookingId = randomUUID();
    await record({
      type: 'SeatsBooked',
      data: {
        tripId: trip.id,
        bookingId,
        holder: alice.holder,
        seatNumbers: ['S1', 'S4'],
        fromHolds: [{ lockId: aliceSecond, seatNumbers: ['S1', 'S4'] }],
      },
    });
    const bobOther = randomUUID();
    await record({ type: 'SeatsLocked', data: locked(trip.id, bobOther, bob, ['S5']) });
    await record({
      type: 'SeatLockReleased',
      data: { lockId: bobOther, tripId: trip.id, seatNumbers: ['S5'], holder: bob.holder },
    });
    await record(
      {
        type: 'SeatLockExpired',
        data: {
          lockId: bobLock,
          tripId: trip.id,
          seatNumbers: ['S2', 'S3'],
          expiredAt: at(26),
          holder: bob.holder,
        },
      },
      26,
    );
    await record({
      type: 'BookedSeatsReleased',
      data: { tripId: trip.id, bookingId, seatNumbers: ['S1', 'S4'], reason: 'cancelled' },
    });
    const newFares = {
      standard: { amount: 270_000, currency: 'VND' },
      limousine: { amount: 420_000, currency: 'VND' },
    };
    const newBus = randomUUID();
    await record({
      type: 'TripUpdated',
      data: {
        tripId: trip.id,
        changes: { busId: newBus, maxSeatsPerBooking: 4 },
        updatedAt: at(26),
      },
    });
    await record({
      type: 'TripFaresChanged',
      data: { tripId: trip.id, fares: newFares, changedAt: at(26) },
    });
    await record({
      type: 'TripSalesClosed',
      data: { tripId: trip.id, reason: 'Checking the bus', closedAt: at(26) },
    });
    await record({ type: 'TripSalesOpened', data: { tripId: trip.id, openedAt: at(27) } });
    const delayedDeparture = new Date(trip.departureAt.getTime() + 90 * 60_000).toISOString();
    const delayedArrival = new Date(trip.arrivalAt.getTime() + 90 * 60_000).toISOString();
    await record({
      type: 'TripDelayed',
      data: {
        tripId: trip.id,
        departureAt: delayedDeparture,
        arrivalAt: delayedArrival,
        previousDepartureAt: trip.departureAt.toISOString(),
        scheduledDepartureAt: trip.departureAt.toISOString(),
        delayMinutes: 90,
        reason: 'Flooded road',
        delayedAt: at(27),
        freeCancellationUntil: at(28),
      },
    });
    await record({
      type: 'TripCancelled',
      data: { tripId: trip.id, reason: 'Road closed', cancelledAt: at(27) },
    });

    // A fresh snapshot (as after a gap), refusals of every kind, and unsubscribing.
    await aliceTab.send('subscribe', { tripId: trip.id });
    for (const payload of ['not an object', { tripId: 'nope' }, { tripId: trip.id, x: 1 }]) {
      await anonymous.send('subscribe', payload);
    }
    await anonymous.send('subscribe', { tripId: trip.id, token: 'not-a-jwt' });
    await anonymous.send('subscribe', { tripId: other.id }); // over the limit of 1
    await anonymous.send('unsubscribe', { tripId: trip.id, token: bob.token });
    const fresh = await harness.connect();
    await fresh.send('subscribe', { tripId: randomUUID() });
    const overtaken = fresh.send('subscribe', { tripId: other.id });
    await fresh.send('unsubscribe', { tripId: other.id });
    await overtaken;
    for (let i = 0; i < 25; i += 1) {
      await anonymous.send('unsubscribe', { tripId: other.id });
    }
    await harness.close();

    // Every message and acknowledgement, as it crosses the wire, matches the document.
    const sent = harness.sockets.flatMap((socket) => socket.emitted);
    for (const { event, payload } of sent) expectValid(validators, messageIdOf(event), payload);
    for (const { event, answer } of harness.acks) {
      const replies = replyMessagesOf(event).map((m) => m.id());
      const matching = replies.filter((id) => validators.get(id)!(answer));
      expect([event, answer, matching.length]).toEqual([event, answer, 1]);
    }

    // The run covered what the document describes, and the gateway used no other event.
    const documented = documentedEvents();
    const handled = new Set(harness.sockets.flatMap((socket) => [...socket.handlers.keys()]));
    expect([...handled].sort()).toEqual([...documented.receive].sort());
    expect([...new Set(sent.map((m) => m.event))].sort()).toEqual([...documented.send].sort());
    const events = (name: string) => sent.filter((m) => m.event === name).map((m) => m.payload);
    expect(events('seats:snapshot')).toHaveLength(4);
    expect(events('seats:snapshot')[0].seats[0]).toMatchObject({
      seatNumber: 'S1',
      status: 'locked',
      heldByYou: true,
    });
    expect(
      new Set(events('seats:delta').flatMap((d) => d.changes.map((c: any) => c.status))),
    ).toEqual(new Set(['available', 'locked', 'booked']));
    expect(new Set(events('holds:changed').map((c) => c.change))).toEqual(
      new Set(['locked', 'extended', 'released', 'expired', 'booked']),
    );
    expect(events('holds:changed').find((c) => c.lockId === aliceSecond)).toMatchObject({
      transferredFrom: [{ lockId: aliceFirst, seatNumbers: ['S1'] }],
    });
    // A holder hears about its holds on trips it has not subscribed to (yet).
    expect(aliceTab.emitted[0]).toMatchObject({
      event: 'holds:changed',
      payload: { lockId: aliceFirst, change: 'locked' },
    });
    expect(anonymous.emitted.filter((m) => m.event === 'holds:changed')).toEqual([]);
    expect(new Set(events('seats:error').map((e) => e.code))).toEqual(
      new Set([
        'request.invalid',
        'auth.invalid_token',
        'trip.not_found',
        'feed.too_many_trips',
        'feed.unsubscribed',
        'feed.rate_limited',
      ]),
    );
    // The deltas a watcher got continue its snapshot without gaps.
    let version = events('seats:snapshot')[0].version;
    for (const delta of anonymous.emitted.filter((m) => m.event === 'seats:delta')) {
      expect(delta.payload.fromVersion).toBe(version);
      version = delta.payload.version;
    }
    expect(version).toBe(15);
    // Each watcher, in order: the bus and seat limit, the fares, sales closed, sales open.
    const updates = [
      { version: 10, changes: { busId: newBus, maxSeatsPerBooking: 4 }, updatedAt: at(26) },
      { version: 11, changes: { fares: newFares }, updatedAt: at(26) },
      { version: 12, changes: { salesOpen: false }, updatedAt: at(26) },
      { version: 13, changes: { salesOpen: true }, updatedAt: at(27) },
    ].map((update) => ({ tripId: trip.id, ...update }));
    expect(events('trip:updated')).toEqual([...updates, ...updates, ...updates]);
    expect(events('trip:delayed')).toEqual(
      Array(3).fill({
        tripId: trip.id,
        departureAt: delayedDeparture,
        arrivalAt: delayedArrival,
        previousDepartureAt: trip.departureAt.toISOString(),
        delayMinutes: 90,
        reason: 'Flooded road',
      }),
    );
    expect(events('trip:cancelled')).toEqual(
      Array(3).fill({ tripId: trip.id, reason: 'Road closed', cancelledAt: at(27) }),
    );
  });
});

function payloadValidators(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  // OpenAPI's `example` and the parser's bookkeeping are annotations, not assertions.
  ajv.addVocabulary(['example', 'x-parser-schema-id']);
  const validators = new Map<string, ValidateFunction>();
  for (const message of document.allMessages().all()) {
    validators.set(message.id(), ajv.compile(message.payload()!.json()));
  }
  return validators;
}

function expectValid(validators: Map<string, ValidateFunction>, id: string, payload: unknown) {
  const validate = validators.get(id);
  expect([id, Boolean(validate)]).toEqual([id, true]);
  const valid = validate!(payload);
  // The message id and payload are in the failure message, with ajv's reasons.
  expect({ id, payload, errors: valid ? null : validate!.errors }).toEqual({
    id,
    payload,
    errors: null,
  });
}

function messageIdOf(event: string): string {
  const { replies } = documentedEvents();
  const message = document
    .messages()
    .all()
    .find((m) => m.name() === event && !replies.has(m.id()));
  if (!message) throw new Error(`no message for event ${event}`);
  return message.id();
}

function replyMessagesOf(event: string): MessageInterface[] {
  const operation = document
    .operations()
    .all()
    .find(
      (o) =>
        o.isReceive() &&
        o
          .messages()
          .all()
          .some((m) => m.name() === event),
    );
  return operation?.reply()?.messages().all() ?? [];
}

const START = new Date('2026-11-25T08:00:00.000Z');
/** START plus `minutes`, as the events write times. */
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000).toISOString();

function locked(tripId: string, lockId: string, who: { holder: Holder }, seatNumbers: string[]) {
  return {
    lockId,
    tripId,
    holder: who.holder,
    seatNumbers,
    lockedAt: at(0),
    expiresAt: at(15),
    maxExpiresAt: at(45),
    transferredFrom: [],
  };
}

interface Emitted {
  event: string;
  payload: any;
}

/** What a Socket.io socket needs to be for the gateway, recording what it is sent. */
class RecordingSocket {
  readonly data: { actor?: unknown } = {};
  readonly handshake: { auth: { token?: string }; headers: Record<string, string> };
  /** The handshake's HTTP request, as far as the gateway reads it (the client's address). */
  readonly request = { headers: {}, socket: { remoteAddress: '127.0.0.1' } };
  readonly emitted: Emitted[] = [];
  readonly handlers = new Map<string, (payload: unknown, ack?: unknown) => void>();
  disconnected = false;

  constructor(
    readonly id: string,
    private readonly namespace: RecordingNamespace,
    private readonly acks: { event: string; answer: unknown }[],
    token?: string,
  ) {
    this.handshake = { auth: token ? { token } : {}, headers: {} };
  }

  on(event: string, handler: (payload: unknown, ack?: unknown) => void): this {
    this.handlers.set(event, handler);
    return this;
  }

  /** Socket.io sends JSON: what is undefined is not sent. */
  emit(event: string, payload: unknown): boolean {
    this.emitted.push({ event, payload: JSON.parse(JSON.stringify(payload)) });
    return true;
  }

  join(room: string): void {
    const members = this.namespace.adapter.rooms.get(room) ?? new Set<RecordingSocket>();
    members.add(this);
    this.namespace.adapter.rooms.set(room, members);
  }

  leave(room: string): void {
    const members = this.namespace.adapter.rooms.get(room);
    members?.delete(this);
    if (members?.size === 0) this.namespace.adapter.rooms.delete(room);
  }

  disconnect(): void {
    this.disconnected = true;
  }

  /** Emits an event to the server with an acknowledgement callback; resolves with its answer. */
  send(event: string, payload: unknown): Promise<any> {
    const handler = this.handlers.get(event);
    if (!handler) throw new Error(`the gateway does not handle ${event}`);
    return new Promise((resolveAnswer) =>
      handler(payload, (answer: unknown) => {
        const wire = JSON.parse(JSON.stringify(answer));
        this.acks.push({ event, answer: wire });
        resolveAnswer(wire);
      }),
    );
  }
}

class RecordingNamespace {
  readonly adapter = { rooms: new Map<string, Set<RecordingSocket>>() };
  middleware?: (socket: RecordingSocket, next: (error?: Error) => void) => void;

  use(middleware: (socket: RecordingSocket, next: (error?: Error) => void) => void): this {
    this.middleware = middleware;
    return this;
  }

  to(room: string) {
    return {
      emit: (event: string, payload: unknown) =>
        this.adapter.rooms.get(room)?.forEach((socket) => socket.emit(event, payload)),
    };
  }
}

/**
 * The real gateway over the real SeatFeed, with the log tail, the stores and Socket.io replaced
 * by recordings: events are appended to an in-memory trip stream and handed to the tail.
 */
async function feedHarness() {
  const loaded = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const config: AppConfig = {
    ...loaded,
    seatFeed: { ...loaded.seatFeed, maxTripsPerConnection: 1 },
  };
  const clock = new ManualClock(START);
  const trip = tripRecord();
  const other = tripRecord();
  const stream: RecordedEvent<SeatAllocationEvent>[] = [];
  let deliver!: (events: readonly RecordedEvent[]) => Promise<void>;
  const tail = {
    create: (options: { handle: typeof deliver }) => {
      deliver = options.handle;
      return { start: async () => undefined, stop: async () => undefined };
    },
  };
  const eventStore = {
    streamVersion: async (streamId: string) =>
      streamId === seatAllocationStreamId(trip.id) ? stream.length : 0,
    readStream: async (_streamId: string, range: { fromVersion: number; toVersion: number }) =>
      stream.slice(range.fromVersion - 1, range.toVersion),
  };
  const allocations = {
    load: async (tripId: string) => ({
      tripId,
      version: 0,
      holds: new Map(),
      booked: new Map(),
      waiting: [],
    }),
  };
  const catalog = {
    findTrip: async (id: string) => [trip, other].find((t) => t.id === id) ?? null,
    forget: () => undefined,
  };
  const feed = new SeatFeed(
    tail as unknown as EventSubscriptionFactory,
    eventStore as unknown as PostgresEventStore,
    allocations as unknown as ConstructorParameters<typeof SeatFeed>[2],
    catalog as unknown as ConstructorParameters<typeof SeatFeed>[3],
    config,
    clock,
  );
  const noop = { inc: () => undefined, dec: () => undefined };
  const metrics = { feedConnections: noop, feedMessages: noop } as unknown as Metrics;
  const gateway = new SeatFeedGateway(feed, new TokenVerifier(config), metrics, config);
  const namespace = new RecordingNamespace();
  Object.assign(gateway, { namespace });
  gateway.afterInit(namespace as unknown as Namespace);

  let minute = 0;
  const sockets: RecordingSocket[] = [];
  const acks: { event: string; answer: unknown }[] = [];
  const holder = async (kind: 'user') => {
    const id = randomUUID();
    const token = await signPlatformToken({
      secret: config.auth.jwtSecret!,
      sub: id,
      roles: [kind],
    });
    return { token, holder: { kind, id } as Holder };
  };

  return {
    trip,
    other,
    alice: await holder('user'),
    bob: await holder('user'),
    sockets,
    acks,
    close: () => gateway.onApplicationShutdown(),
    /** A connection through the gateway's handshake middleware. */
    async connect(token?: string): Promise<RecordingSocket> {
      const socket = new RecordingSocket(randomUUID(), namespace, acks, token);
      await new Promise<void>((accept, refuse) =>
        namespace.middleware!(socket, (error) => (error ? refuse(error) : accept())),
      );
      gateway.handleConnection(socket as unknown as Socket);
      sockets.push(socket);
      return socket;
    },
    /** Appends an event (at the next minute, or the given one) and lets the tail deliver it. */
    async record(event: SeatAllocationEvent, atMinute = minute + 1) {
      minute = atMinute;
      const occurredAt = at(minute);
      const recorded = {
        ...event,
        schemaVersion: 1,
        metadata: {
          eventId: randomUUID(),
          correlationId: randomUUID(),
          causationId: null,
          actor: { kind: 'system', id: 'test' },
          occurredAt,
        },
        streamId: seatAllocationStreamId(trip.id),
        streamPosition: stream.length + 1,
        globalPosition: stream.length + 1,
        transactionId: String(stream.length + 1),
      } as unknown as RecordedEvent<SeatAllocationEvent>;
      stream.push(recorded);
      clock.set(new Date(occurredAt));
      await deliver([recorded]);
    },
  };
}

function tripRecord(): TripRecord {
  return {
    id: randomUUID(),
    busId: randomUUID(),
    busName: 'Bus',
    plateNumber: '51B-000.00',
    seats: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'].map((seatNumber, i) => ({
      seatNumber,
      deck: 1 + Math.floor(i / 4),
      row: 1 + Math.floor((i % 4) / 2),
      col: 1 + (i % 2),
      type: i === 5 ? ('limousine' as const) : ('standard' as const),
      accessible: i === 0,
    })),
    seatCount: 6,
    origin: 'Hà Nội',
    destination: 'Hải Phòng',
    departureAt: new Date('2026-11-26T08:00:00Z'),
    arrivalAt: new Date('2026-11-26T11:00:00Z'),
    fares: {
      standard: { amount: 250_000, currency: 'VND' },
      limousine: { amount: 400_000, currency: 'VND' },
    },
    maxSeatsPerBooking: 5,
    createdAt: START,
  };
}
