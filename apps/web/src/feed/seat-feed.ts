import type { Socket } from 'socket.io-client';
import type {
  HoldChange,
  SeatDelta,
  SeatSnapshot,
  SubscribeReply,
  SubscribeRequest,
  TripUpdate,
  UnsubscribeRequest,
} from './types';

/** The Socket.io events of the feed, typed from openapi/asyncapi.yaml. */
interface ServerEvents {
  'seats:snapshot': (snapshot: SeatSnapshot) => void;
  'seats:delta': (delta: SeatDelta) => void;
  'holds:changed': (change: HoldChange) => void;
  'trip:updated': (update: TripUpdate) => void;
  'trip:delayed': (notice: { tripId: string }) => void;
  'trip:cancelled': (notice: { tripId: string }) => void;
}
interface ClientEvents {
  subscribe: (request: SubscribeRequest, ack: (reply: SubscribeReply) => void) => void;
  unsubscribe: (request: UnsubscribeRequest) => void;
}

/**
 * connecting: first attempt; live: connected; reconnecting: lost, trying again;
 * offline: cannot connect (clients poll meanwhile; the socket keeps trying).
 */
export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** What a watcher of a trip is told; each part only if it listens. */
export interface TripWatcher {
  onSnapshot?(snapshot: SeatSnapshot): void;
  onDelta?(delta: SeatDelta): void;
  /** Whether the trip's changes arrive over the socket now (subscribed and connected). */
  onLive?(live: boolean): void;
  /**
   * The operator changed the trip (route, times, bus, fares, sales) or cancelled it: read it
   * again. After a new bus or new fares a fresh snapshot follows.
   */
  onTripChanged?(): void;
}

/** Failed attempts after which a lost connection counts as offline (polling). */
const OFFLINE_AFTER_FAILURES = 2;

/**
 * One Socket.io connection to the seat feed (namespace /seats) for the whole app: trips are
 * watched with subscribe/unsubscribe, re-subscribed after every reconnection, and the holder's
 * `holds:changed` reach every listener. Framework-free; src/feed/feed-context binds it to React.
 */
export class SeatFeed {
  private socket: Socket<ServerEvents, ClientEvents> | undefined;
  /** socket.io-client is loaded with the first watcher (pages without seats do without it). */
  private loading: Promise<void> | undefined;
  private closed = false;
  private status: FeedStatus = 'connecting';
  private everConnected = false;
  private failures = 0;
  private token: string | undefined;
  private readonly watchers = new Map<string, Set<TripWatcher>>();
  /** The trips subscribed on this connection: waiting for the server's answer, or live. */
  private readonly subscriptions = new Map<string, 'pending' | 'live'>();
  /** Trips to subscribe once the watchers mounting together are all in (one subscribe each). */
  private readonly toSubscribe = new Set<string>();
  private readonly holdListeners = new Set<(change: HoldChange) => void>();
  private readonly statusListeners = new Set<() => void>();

  constructor(private readonly baseUrl: string) {}

  getStatus = (): FeedStatus => this.status;

  onStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  /** The holder the connection speaks for; a change reconnects (new snapshots follow). */
  setToken(token: string | undefined): void {
    if (token === this.token) return;
    this.token = token;
    if (!this.socket) return;
    this.socket.auth = token ? { token } : {};
    if (this.socket.connected) this.socket.disconnect().connect();
  }

  /** Watches a trip until the returned function is called. */
  watch(tripId: string, watcher: TripWatcher): () => void {
    let set = this.watchers.get(tripId);
    if (!set) {
      set = new Set();
      this.watchers.set(tripId, set);
    }
    set.add(watcher);
    this.connect();
    if (this.socket?.connected) this.join(tripId, watcher);
    return () => {
      const current = this.watchers.get(tripId);
      current?.delete(watcher);
      if (current && current.size === 0) {
        this.watchers.delete(tripId);
        this.subscriptions.delete(tripId);
        if (this.socket?.connected) this.socket.emit('unsubscribe', { tripId });
      }
    };
  }

  /** Starts over from a fresh snapshot (after a gap in the versions). */
  resubscribe(tripId: string): void {
    this.subscribe(tripId);
  }

  /** The holder's hold changes, on any trip (tabs of one holder stay in sync). */
  onHoldChange(listener: (change: HoldChange) => void): () => void {
    this.holdListeners.add(listener);
    this.connect();
    return () => this.holdListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
    this.socket = undefined;
    this.loading = undefined;
  }

  private connect(): void {
    if (this.socket || this.loading) return;
    this.closed = false;
    this.loading = import('socket.io-client').then(({ io }) => {
      if (this.closed) return;
      this.open(io);
    });
  }

  private open(io: typeof import('socket.io-client').io): void {
    const socket: Socket<ServerEvents, ClientEvents> = io(`${this.baseUrl}/seats`, {
      auth: this.token ? { token: this.token } : {},
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      timeout: 5000,
    });
    socket.on('connect', () => {
      this.everConnected = true;
      this.failures = 0;
      this.setStatus('live');
      for (const tripId of this.watchers.keys()) this.subscribe(tripId);
    });
    socket.on('disconnect', (reason) => {
      this.subscriptions.clear();
      this.each((watcher) => watcher.onLive?.(false));
      if (reason === 'io client disconnect') return;
      this.setStatus('reconnecting');
      // The server closed the connection on purpose: Socket.io does not retry by itself.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', () => {
      this.failures += 1;
      const offline = !this.everConnected || this.failures >= OFFLINE_AFTER_FAILURES;
      this.setStatus(offline ? 'offline' : 'reconnecting');
    });
    socket.on('seats:snapshot', (snapshot) =>
      this.watchers.get(snapshot.tripId)?.forEach((watcher) => watcher.onSnapshot?.(snapshot)),
    );
    socket.on('seats:delta', (delta) =>
      this.watchers.get(delta.tripId)?.forEach((watcher) => watcher.onDelta?.(delta)),
    );
    socket.on('holds:changed', (change) => this.holdListeners.forEach((listen) => listen(change)));
    socket.on('trip:updated', ({ tripId, changes }) =>
      this.tripChanged(tripId, Boolean(changes.busId || changes.fares)),
    );
    socket.on('trip:delayed', ({ tripId }) => this.tripChanged(tripId, false));
    socket.on('trip:cancelled', ({ tripId }) => this.tripChanged(tripId, false));
    this.socket = socket;
  }

  private tripChanged(tripId: string, seatsChanged: boolean): void {
    this.watchers.get(tripId)?.forEach((watcher) => watcher.onTripChanged?.());
    // Every seat's layout or price may differ: start over from a snapshot.
    if (seatsChanged) this.resubscribe(tripId);
  }

  /**
   * A watcher joining a connected feed. The watchers of one page mount together: their trip is
   * subscribed once, after the last of them. One that needs no snapshot and joins a trip already
   * subscribed is told what the others were (a pending answer tells every watcher).
   */
  private join(tripId: string, watcher: TripWatcher): void {
    const subscription = this.subscriptions.get(tripId);
    if (subscription && !watcher.onSnapshot) {
      if (subscription === 'live') watcher.onLive?.(true);
      return;
    }
    if (this.toSubscribe.size === 0) queueMicrotask(() => this.subscribeJoined());
    this.toSubscribe.add(tripId);
  }

  private subscribeJoined(): void {
    const tripIds = [...this.toSubscribe];
    this.toSubscribe.clear();
    for (const tripId of tripIds) this.subscribe(tripId);
  }

  /** Subscribes a watched trip on a connected feed (the connection subscribes them all). */
  private subscribe(tripId: string): void {
    const socket = this.socket;
    if (!socket?.connected || !this.watchers.has(tripId)) return;
    this.subscriptions.set(tripId, 'pending');
    socket.emit('subscribe', { tripId }, (reply) => {
      // An answer from a connection since lost, or to a trip no longer watched, tells nothing.
      if (socket !== this.socket || !this.subscriptions.has(tripId)) return;
      const live = reply.ok && socket.connected;
      if (live) this.subscriptions.set(tripId, 'live');
      else this.subscriptions.delete(tripId);
      this.watchers.get(tripId)?.forEach((watcher) => watcher.onLive?.(live));
    });
  }

  private each(fn: (watcher: TripWatcher) => void): void {
    for (const set of this.watchers.values()) set.forEach(fn);
  }

  private setStatus(status: FeedStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.statusListeners.forEach((listener) => listener());
  }
}
