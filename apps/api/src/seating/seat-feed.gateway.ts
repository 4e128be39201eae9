import { Inject, Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { Actor, TokenVerifier } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError } from '@app/errors';
import {
  Holder,
  holderOf,
  HoldChange,
  SeatDelta,
  SeatFeed,
  type TripCancellationNotice,
  type TripDelayNotice,
  type TripUpdateNotice,
} from '@app/seating';
import { clientAddressOf, proxyTrust } from '../http/client-address';
import { RequestValidationError, toProblem } from '../http/problem-details';
import { Metrics } from '../ops/metrics';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Subscribe/unsubscribe messages a connection may send: a burst, then this many per second. */
const MESSAGE_BURST = 20;
const MESSAGES_PER_SECOND = 2;
/** A connection that keeps flooding after being told (without pause) is dropped. */
const REFUSALS_BEFORE_DISCONNECT = 50;
/** The log tail stops this long after the last connection closed. */
const FEED_IDLE_MS = 30_000;

const tripRoom = (tripId: string) => `trip:${tripId}`;
const holderRoom = (holder: Holder) => `holder:${holder.kind}:${holder.id}`;

type Ack = (answer: unknown) => void;

interface WatchedTrip {
  state: 'loading' | 'watching';
  /** Settles when the trip is loaded (or failed to). */
  ready: Promise<void>;
}

interface FeedConnection {
  holder?: Holder;
  /** Trips this connection watches, or is about to once its snapshot is loaded. */
  trips: Map<string, WatchedTrip>;
  tokens: number;
  refilledAt: number;
  refusals: number;
}

/**
 * Socket.io namespace `/seats`: `subscribe {tripId, token?}` → `seats:snapshot`, then
 * `seats:delta` for every change of the trip; `holds:changed` to every connection of a holder.
 * Each API instance tails the event log itself, so changes made through any instance or by the
 * worker reach every client, with or without Redis.
 */
@WebSocketGateway({
  namespace: '/seats',
  serveClient: false,
  maxHttpBufferSize: 16 * 1024,
})
export class SeatFeedGateway
  implements
    OnGatewayInit<Namespace>,
    OnGatewayConnection<Socket>,
    OnGatewayDisconnect<Socket>,
    OnApplicationShutdown
{
  private readonly logger = new Logger('SeatFeed');
  @WebSocketServer() private namespace!: Namespace;
  private readonly connections = new Map<string, FeedConnection>();
  /** Open (or opening) connections per client address. */
  private readonly perAddress = new Map<string, number>();
  private readonly trust: ReturnType<typeof proxyTrust>;
  private feedRunning = false;
  private feedState: Promise<void> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly feed: SeatFeed,
    private readonly verifier: TokenVerifier,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.trust = proxyTrust(config.http.trustProxy);
  }

  afterInit(namespace: Namespace): void {
    // A connection is accepted once the log tail runs, so it misses no change made after it.
    // A token in the handshake (`auth: {token}` or an Authorization header) names the holder.
    namespace.use((socket, next) => {
      const refuse = (error: unknown) => {
        const rejection = new Error('connection refused') as Error & { data?: unknown };
        rejection.data = this.problem(error);
        next(rejection);
      };
      // Counted from the handshake on, so a burst of handshakes cannot pass the cap together.
      const address = clientAddressOf(socket.request, this.trust);
      const open = this.perAddress.get(address) ?? 0;
      const limit = this.config.seatFeed.maxConnectionsPerAddress;
      if (open >= limit) {
        refuse(
          new DomainError(
            'feed.too_many_connections',
            `At most ${limit} seat-feed connections may be open from one address.`,
            { extensions: { limit }, retryAfterSeconds: 10 },
          ),
        );
        return;
      }
      this.perAddress.set(address, open + 1);
      socket.data.address = address;
      const token = handshakeToken(socket);
      this.ensureFeed()
        .then(() => (token ? this.verifier.verify(token) : undefined))
        .then(
          (actor) => {
            socket.data.actor = actor;
            next();
          },
          (error: unknown) => {
            this.release(address);
            refuse(error);
            this.idleFeed();
          },
        );
    });
  }

  /** Tailing the log costs a query per append; it runs only while someone is connected. */
  private ensureFeed(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (!this.feedRunning) {
      this.feedRunning = true;
      this.feedState = this.feedState.then(() =>
        this.feed
          .start({
            delta: (delta) => this.broadcastDelta(delta),
            holdChanged: (holder, change) => this.notifyHolder(holder, change),
            tripCancelled: (notice) => this.broadcastCancellation(notice),
            tripDelayed: (notice) => this.broadcastDelay(notice),
            tripUpdated: (notice) => this.broadcastUpdate(notice),
          })
          .catch((error: unknown) => {
            this.feedRunning = false;
            throw error;
          }),
      );
    }
    return this.feedState;
  }

  private idleFeed(): void {
    if (this.connections.size > 0 || !this.feedRunning || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.connections.size > 0 || !this.feedRunning) return;
      this.feedRunning = false;
      this.feedState = this.feedState.catch(() => undefined).then(() => this.feed.stop());
    }, FEED_IDLE_MS);
    this.idleTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.feedState.catch(() => undefined);
    await this.feed.stop();
  }

  handleConnection(socket: Socket): void {
    const connection: FeedConnection = {
      trips: new Map(),
      tokens: MESSAGE_BURST,
      refilledAt: Date.now(),
      refusals: 0,
    };
    this.connections.set(socket.id, connection);
    this.metrics.feedConnections.inc();
    const actor = socket.data.actor as Actor | undefined;
    if (actor) this.identify(socket, connection, holderOf(actor));

    socket.on('subscribe', (payload: unknown, ack?: unknown) => {
      void this.subscribe(socket, connection, payload, asAck(ack));
    });
    socket.on('unsubscribe', (payload: unknown, ack?: unknown) => {
      this.unsubscribe(socket, connection, payload, asAck(ack));
    });
  }

  private release(address: string): void {
    const open = (this.perAddress.get(address) ?? 1) - 1;
    if (open > 0) this.perAddress.set(address, open);
    else this.perAddress.delete(address);
  }

  handleDisconnect(socket: Socket): void {
    if (typeof socket.data.address === 'string') this.release(socket.data.address);
    const connection = this.connections.get(socket.id);
    if (!connection) return;
    this.connections.delete(socket.id);
    this.metrics.feedConnections.dec();
    for (const [tripId, entry] of connection.trips) {
      if (entry.state === 'watching') this.feed.unwatch(tripId);
    }
    connection.trips.clear();
    this.idleFeed();
  }

  private async subscribe(
    socket: Socket,
    connection: FeedConnection,
    payload: unknown,
    ack?: Ack,
  ): Promise<void> {
    if (!this.admit(socket, connection, 'subscribe', ack)) return;
    const request = parseTripRequest(payload, true);
    if ('error' in request) return this.refuse(socket, 'subscribe', request.error, ack);
    const { tripId, token } = request;
    try {
      if (token) this.identify(socket, connection, holderOf(await this.verifier.verify(token)));
      const existing = connection.trips.get(tripId);
      if (existing) {
        // Subscribing again (after a gap, or twice in a row) gets a fresh snapshot.
        await existing.ready;
        if (connection.trips.get(tripId) !== existing) throw unsubscribed(tripId);
        return this.sendSnapshot(socket, connection, tripId, ack);
      }
      if (connection.trips.size >= this.config.seatFeed.maxTripsPerConnection) {
        throw new DomainError(
          'feed.too_many_trips',
          `A connection may watch at most ${this.config.seatFeed.maxTripsPerConnection} ` +
            'trips; unsubscribe from one first.',
          { extensions: { limit: this.config.seatFeed.maxTripsPerConnection } },
        );
      }
      const watch = this.ensureFeed().then(() => this.feed.watch(tripId));
      const entry: WatchedTrip = { state: 'loading', ready: watch };
      connection.trips.set(tripId, entry);
      try {
        await watch;
      } catch (error) {
        if (connection.trips.get(tripId) === entry) connection.trips.delete(tripId);
        throw error;
      }
      if (socket.disconnected || connection.trips.get(tripId) !== entry) {
        this.feed.unwatch(tripId); // left while the trip was loading
        throw unsubscribed(tripId);
      }
      entry.state = 'watching';
      // Same tick as the snapshot: every delta after its version reaches this socket.
      void socket.join(tripRoom(tripId));
      this.sendSnapshot(socket, connection, tripId, ack);
    } catch (error) {
      if (!socket.disconnected) this.refuse(socket, 'subscribe', error, ack, tripId);
    }
  }

  private unsubscribe(socket: Socket, connection: FeedConnection, payload: unknown, ack?: Ack) {
    if (!this.admit(socket, connection, 'unsubscribe', ack)) return;
    const request = parseTripRequest(payload, false);
    if ('error' in request) return this.refuse(socket, 'unsubscribe', request.error, ack);
    const entry = connection.trips.get(request.tripId);
    connection.trips.delete(request.tripId);
    if (entry?.state === 'watching') {
      void socket.leave(tripRoom(request.tripId));
      this.feed.unwatch(request.tripId);
    }
    ack?.({ ok: true, tripId: request.tripId });
  }

  private sendSnapshot(socket: Socket, connection: FeedConnection, tripId: string, ack?: Ack) {
    const snapshot = this.feed.snapshot(tripId, connection.holder);
    socket.emit('seats:snapshot', snapshot);
    ack?.({ ok: true, tripId, version: snapshot.version });
  }

  private identify(socket: Socket, connection: FeedConnection, holder: Holder): void {
    if (connection.holder) void socket.leave(holderRoom(connection.holder));
    connection.holder = holder;
    void socket.join(holderRoom(holder));
  }

  private broadcastDelta(delta: SeatDelta): void {
    const watchers = this.watchersOf(delta.tripId);
    if (!watchers) return;
    watchers.emit('seats:delta', delta);
    this.counted('seats:delta');
  }

  private broadcastCancellation(notice: TripCancellationNotice): void {
    const watchers = this.watchersOf(notice.tripId);
    if (!watchers) return;
    watchers.emit('trip:cancelled', notice);
    this.counted('trip:cancelled');
  }

  private broadcastDelay(notice: TripDelayNotice): void {
    const watchers = this.watchersOf(notice.tripId);
    if (!watchers) return;
    watchers.emit('trip:delayed', notice);
    this.counted('trip:delayed');
  }

  private broadcastUpdate(notice: TripUpdateNotice): void {
    const watchers = this.watchersOf(notice.tripId);
    if (!watchers) return;
    watchers.emit('trip:updated', notice);
    this.counted('trip:updated');
  }

  /** The connections watching a trip through this instance, if any. */
  private watchersOf(tripId: string) {
    return this.inRoom(tripRoom(tripId));
  }

  private inRoom(room: string) {
    return this.namespace?.adapter.rooms.has(room) ? this.namespace.to(room) : undefined;
  }

  private counted(event: string): void {
    this.metrics.feedMessages.inc({ event });
  }

  private notifyHolder(holder: Holder, change: HoldChange): void {
    const connections = this.inRoom(holderRoom(holder));
    if (!connections) return;
    connections.emit('holds:changed', change);
    this.counted('holds:changed');
  }

  /** Token bucket per connection; a client that keeps flooding is disconnected. */
  private admit(socket: Socket, connection: FeedConnection, event: string, ack?: Ack): boolean {
    const now = Date.now();
    connection.tokens = Math.min(
      MESSAGE_BURST,
      connection.tokens + ((now - connection.refilledAt) / 1000) * MESSAGES_PER_SECOND,
    );
    connection.refilledAt = now;
    if (connection.tokens >= 1) {
      connection.tokens -= 1;
      connection.refusals = 0;
      return true;
    }
    connection.refusals += 1;
    if (connection.refusals > REFUSALS_BEFORE_DISCONNECT) {
      this.logger.warn(`disconnecting ${socket.id}: kept flooding the seat feed`);
      socket.disconnect(true);
      return false;
    }
    this.refuse(
      socket,
      event,
      new DomainError(
        'feed.rate_limited',
        `Too many messages; at most ${MESSAGES_PER_SECOND} per second after a burst of ${MESSAGE_BURST}.`,
      ),
      ack,
    );
    return false;
  }

  private refuse(socket: Socket, event: string, error: unknown, ack?: Ack, tripId?: string) {
    const problem = { event, ...(tripId ? { tripId } : {}), ...this.problem(error) };
    socket.emit('seats:error', problem);
    ack?.({ ok: false, error: problem });
  }

  private problem(error: unknown) {
    const { type, title, status, detail, code, errors } = toProblem(error).body;
    if (status >= 500) this.logger.error(`seat feed failure: ${(error as Error)?.stack ?? error}`);
    return { type, title, status, detail, code, ...(errors ? { errors } : {}) };
  }
}

const unsubscribed = (tripId: string) =>
  new DomainError(
    'feed.unsubscribed',
    `The subscription to trip ${tripId} was cancelled by an unsubscribe before it completed.`,
  );

function asAck(ack: unknown): Ack | undefined {
  return typeof ack === 'function' ? (ack as Ack) : undefined;
}

function handshakeToken(socket: Socket): string | undefined {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string' && auth.token) return auth.token.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  return header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
}

function parseTripRequest(
  payload: unknown,
  tokenAllowed: boolean,
): { tripId: string; token?: string } | { error: DomainError } {
  const fail = (field: string, rule: string) => ({
    error: new RequestValidationError([{ field, rule, message: rule }]),
  });
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return fail('payload', 'must be an object such as {"tripId": "<uuid>"}');
  }
  const { tripId, token, ...rest } = payload as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown) return fail(unknown, 'is not an accepted field');
  if (typeof tripId !== 'string' || !UUID.test(tripId)) return fail('tripId', 'must be a UUID');
  if (token !== undefined && (!tokenAllowed || typeof token !== 'string' || token.length === 0)) {
    return fail('token', tokenAllowed ? 'must be a non-empty string' : 'is not accepted here');
  }
  return { tripId: tripId.toLowerCase(), token: token as string | undefined };
}
