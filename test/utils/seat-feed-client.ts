import { io, Socket } from 'socket.io-client';

export interface FeedMessage {
  event: string;
  payload: any;
  receivedAt: number;
}

/** A Socket.io client of the `/seats` namespace that records everything it receives. */
export class SeatFeedClient {
  readonly socket: Socket;
  readonly messages: FeedMessage[] = [];

  constructor(baseUrl: string, options: { token?: string; reconnectionDelay?: number } = {}) {
    this.socket = io(`${baseUrl}/seats`, {
      auth: options.token ? { token: options.token } : undefined,
      transports: ['websocket'],
      reconnectionDelay: options.reconnectionDelay ?? 100,
    });
    this.socket.onAny((event: string, payload: unknown) =>
      this.messages.push({ event, payload, receivedAt: Date.now() }),
    );
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  emit(event: string, payload: unknown): Promise<any> {
    return this.socket.timeout(5000).emitWithAck(event, payload);
  }

  received(event: string, match: (payload: any) => boolean = () => true): any[] {
    return this.messages.filter((m) => m.event === event && match(m.payload)).map((m) => m.payload);
  }

  /** Resolves with the first message (already received or to come) that matches. */
  async waitFor(
    event: string,
    match: (payload: any) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received(event, match)[0];
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `no ${event} within ${timeoutMs} ms; got ${JSON.stringify(this.messages.map((m) => m.event))}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}

export interface SeatState {
  status: string;
  expiresAt?: string;
}

/**
 * What a client knows of a trip after its latest snapshot and the deltas since, checking that
 * versions have no gaps. Seats whose hold has passed `now` count as available, as on the map.
 */
export function replayFeed(messages: readonly FeedMessage[], tripId: string, now = new Date()) {
  let version = -1;
  const seats = new Map<string, SeatState>();
  for (const { event, payload } of messages) {
    if (payload?.tripId !== tripId) continue;
    if (event === 'seats:snapshot') {
      version = payload.version;
      seats.clear();
      for (const seat of payload.seats) {
        seats.set(seat.seatNumber, { status: seat.status, expiresAt: seat.expiresAt });
      }
    } else if (event === 'seats:delta') {
      if (version < 0 || payload.version <= version) continue; // before the snapshot
      if (payload.fromVersion !== version) {
        throw new Error(`gap: at version ${version}, got a delta from ${payload.fromVersion}`);
      }
      version = payload.version;
      for (const change of payload.changes) {
        seats.set(change.seatNumber, { status: change.status, expiresAt: change.expiresAt });
      }
    }
  }
  const statuses = new Map<string, string>();
  for (const [seatNumber, seat] of seats) {
    const lapsed = seat.expiresAt !== undefined && new Date(seat.expiresAt) <= now;
    statuses.set(seatNumber, lapsed ? 'available' : seat.status);
  }
  return { version, statuses };
}
