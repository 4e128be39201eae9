import { Inject, Injectable } from '@nestjs/common';
import { Caller, callerRef, isAdmin, isSystem } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import {
  currentCorrelation,
  EventMetadata,
  isConcurrencyError,
  NO_STREAM,
  PostgresEventStore,
  StreamAppend,
} from '@app/event-store';
import { Holder, SeatBookings } from '@app/seating';
import { activeTraceContext } from '@app/tracing';
import { deepFreeze, setBounded } from '@app/collections';
import { BookingEvent, bookingStreamId } from '../domain/booking.events';
import { Booking, evolve } from '../domain/booking.state';
import { BookingRepository } from '../infrastructure/booking.repository';
import { ownerOf, requireAccess } from './booking-access';

/** Attempts of one booking command when a stream it decided on moved on meanwhile. */
const ATTEMPTS = 8;
/** Bookings this process wrote last, remembered as it left them. */
const REMEMBERED = 5_000;

/** What a change does to the booking's seats, appended atomically with its events. */
export type SeatEffect =
  | { kind: 'none' }
  | { kind: 'book'; holder: Holder; seatNumbers: string[] }
  /** The booking's seats go back: all of them, or those named. */
  | { kind: 'release'; reason: 'cancelled' | 'expired'; seatNumbers?: string[] }
  | { kind: 'rebook'; seatNumbers: string[] };

export interface BookingChange {
  events: BookingEvent[];
  seats: SeatEffect;
}

interface WriteOptions {
  metadata?: Partial<EventMetadata>;
  /** Other failures worth deciding again on (e.g. a booking reference drawn twice). */
  retryWhen?: (error: unknown) => boolean;
}

/**
 * The one way a booking stream is written. Load the booking → a pure decision → the booking's
 * events and the trip's seat allocation events (decided by seating) appended atomically at the
 * versions they were decided on. When either stream moved on meanwhile (a confirm racing an
 * expiry, a hold taken on the trip), the whole command is decided again on fresh states: here,
 * in this one bounded loop, so exactly one of two racing transitions happens.
 *
 * A booking this process wrote is decided on as it left it, without reading its stream: the
 * append at that version proves it current, and an answer that appends nothing (a refusal, a
 * no-op) is given only once the stream's version shows nothing changed since; else the booking
 * is read from its stream and decided again.
 */
@Injectable()
export class BookingWriter {
  private readonly remembered = new Map<string, Booking>();

  constructor(
    private readonly bookings: BookingRepository,
    private readonly eventStore: PostgresEventStore,
    private readonly seats: SeatBookings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Starts a booking's stream with the events `decide` returns. */
  async create(
    bookingId: string,
    caller: Caller,
    decide: (now: Date) => BookingChange,
    options: WriteOptions = {},
  ): Promise<{ booking: Booking; events: BookingEvent[] }> {
    const { booking, events } = await this.write(
      bookingId,
      caller,
      false,
      (_, now) => decide(now),
      options,
    );
    return { booking: booking!, events };
  }

  /** Changes a booking the caller may act on; nothing is written when `decide` returns no events. */
  async change(
    bookingId: string,
    caller: Caller,
    decide: (booking: Booking, now: Date) => BookingChange,
    metadata: Partial<EventMetadata> = {},
  ): Promise<{ booking: Booking; events: BookingEvent[] }> {
    const { booking, events } = await this.write(
      bookingId,
      caller,
      true,
      (current, now) => decide(requireAccess(caller, current, bookingId), now),
      { metadata },
    );
    return { booking: booking!, events };
  }

  private async write(
    bookingId: string,
    caller: Caller,
    exists: boolean,
    decide: (booking: Booking | null, now: Date) => BookingChange,
    { metadata = {}, retryWhen }: WriteOptions,
  ): Promise<{ booking: Booking | null; events: BookingEvent[] }> {
    for (let attempt = 1; ; attempt++) {
      // Remembered only on the first attempt: a retry reads the stream, so the loop stays bounded.
      const remembered = exists && attempt === 1 ? this.remembered.get(bookingId) : undefined;
      const booking = exists ? (remembered ?? (await this.bookings.load(bookingId))) : null;
      let change: BookingChange;
      try {
        change = decide(booking, this.clock.now());
      } catch (error) {
        if (remembered && !(await this.isCurrent(remembered))) continue;
        throw error;
      }
      const { events, seats } = change;
      if (events.length === 0) {
        if (remembered && !(await this.isCurrent(remembered))) continue;
        return { booking, events };
      }
      const after = events.reduce<Booking | null>(evolve, booking)!;
      // The request or saga step this change is part of; else the booking's own story. The trace
      // context is captured here: the seat allocation writer may append these events from
      // another caller's context (group commit).
      const correlation = currentCorrelation();
      const meta = {
        actor: callerRef(caller),
        correlationId: correlation?.correlationId ?? bookingId,
        ...(correlation?.causationId ? { causationId: correlation.causationId } : {}),
        ...activeTraceContext(),
        ...metadata,
      };
      const own: StreamAppend = {
        streamId: bookingStreamId(bookingId),
        expectedVersion: booking?.version ?? NO_STREAM,
        events: events.map((event) => ({ ...event, metadata: meta })),
        knownState: booking ?? undefined,
      };
      try {
        if (seats.kind === 'none') {
          await this.eventStore.appendMany([own], { metadata: meta });
        } else if (seats.kind === 'book') {
          const { holder, seatNumbers } = seats;
          const booking = { bookingId, holder, seatNumbers, departureAt: after.departureAt };
          await this.seats.book(after.tripId, booking, meta, [own]);
        } else if (seats.kind === 'release') {
          const { reason, seatNumbers } = seats;
          await this.seats.release(after.tripId, { bookingId, reason, seatNumbers }, meta, [own]);
        } else {
          const holder = holderFor(caller, after);
          const seatNumbers = seats.seatNumbers;
          await this.seats.rebook(after.tripId, { bookingId, holder, seatNumbers }, meta, [own]);
        }
        this.remember(after);
        return { booking: after, events };
      } catch (error) {
        this.remembered.delete(bookingId);
        const again = isConcurrencyError(error) || retryWhen?.(error) === true;
        if (!again || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** Whether the booking's stream is still at the remembered version; forgets it if not. */
  private async isCurrent(booking: Booking): Promise<boolean> {
    const version = await this.eventStore.streamVersion(bookingStreamId(booking.bookingId));
    if (version === booking.version) return true;
    this.remembered.delete(booking.bookingId);
    return false;
  }

  /** Frozen: the same object is handed to the writer's callers and, later, to its decisions. */
  private remember(booking: Booking): void {
    setBounded(this.remembered, booking.bookingId, deepFreeze(booking), REMEMBERED);
  }
}

/**
 * Whose holds new seats may come from: the caller's own when they act themselves (the owner, or
 * a guest with a booking access token, who holds seats under its own id), else the owner's.
 */
const holderFor = (caller: Caller, booking: Booking) =>
  isSystem(caller) || isAdmin(caller) ? booking.owner : ownerOf(caller);
