/** Who caused a change: a user, a guest session, an admin, or the system (worker, seed). */
export interface EventActor {
  kind: 'user' | 'guest' | 'admin' | 'system';
  id: string;
}

export interface EventMetadata {
  eventId: string;
  correlationId: string;
  causationId: string | null;
  actor: EventActor;
  occurredAt: string;
  /** Free-form reason for audit trails (e.g. a cancellation reason). */
  reason?: string;
  /**
   * The W3C trace context of the span that appended the event, when tracing is on: whoever
   * handles the event later (a worker's subscription) continues that trace.
   */
  traceparent?: string;
  tracestate?: string;
}

/** An event as a decider emits it: a past-tense type and plain JSON data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface EventToAppend<E extends DomainEvent = DomainEvent> {
  type: E['type'];
  data: E['data'];
  /**
   * Defaults to 1. Events evolve by adding optional fields, filled from the stream's state where
   * older events lack them (e.g. SeatLockExtended's holder); a change that cannot be read that way
   * bumps this and adds an upcaster on read (none has been needed so far).
   */
  schemaVersion?: number;
  metadata?: Partial<EventMetadata>;
}

export interface RecordedEventEnvelope {
  schemaVersion: number;
  metadata: EventMetadata;
  streamId: string;
  /** 1-based position inside the stream. */
  streamPosition: number;
  /** Position in the whole log. Unique and increasing, but may have gaps and may commit out of order. */
  globalPosition: number;
  /** The appending transaction's id (xid8), as a decimal string. */
  transactionId: string;
}

/** A stored event. Distributes over a union, so `switch (event.type)` narrows `data`. */
export type RecordedEvent<E extends DomainEvent = DomainEvent> = E extends DomainEvent
  ? { type: E['type']; data: E['data'] } & RecordedEventEnvelope
  : never;

export const NO_STREAM = 0 as const;
export const ANY_VERSION = 'any' as const;
/** Stream version the caller saw: 0 (`NO_STREAM`) for a stream that must not exist yet, or `ANY_VERSION`. */
export type ExpectedVersion = number | typeof ANY_VERSION;

export interface AppendResult {
  streamId: string;
  /** The stream's version after the append; pass it as the next expected version. */
  nextExpectedVersion: number;
  events: RecordedEvent[];
}
