import { Injectable } from '@nestjs/common';
import { DomainEvent, RecordedEvent, RecordedEventEnvelope } from '../event';
import { SqlExecutor } from '../database/sql';

/**
 * A read model updated in the same transaction as the append, so the API can read its own writes.
 * `apply` must be idempotent: applying an event twice leaves the same state.
 */
export interface InlineProjection {
  readonly name: string;
  /** Event types this projection cares about. */
  readonly handles: readonly string[];
  /** `knownState`: the appender's state of the stream before the events, when it passed one. */
  apply(events: readonly RecordedEvent[], sql: SqlExecutor, knownState?: unknown): Promise<void>;
  /** Empties the read model before a rebuild from the log. */
  reset(sql: SqlExecutor): Promise<void>;
  /**
   * Optionally, the same writes as data-modifying statements to run inside the append's own
   * statement: an append then costs one round trip, not a transaction of several. It is given the
   * events about to be appended (positions known, global ones not) and `param` to bind values.
   * Each statement must write only when the append goes ahead: by selecting from the CTE named
   * `append.claimed` (one row then, none otherwise) or `append.inserted` (the new events' rows,
   * with the columns of EVENT_COLUMNS). No two statements may touch the same row (they share one
   * snapshot). Undefined when it cannot (e.g. it would have to read its model first): apply()
   * runs instead.
   */
  fold?(
    events: readonly PendingEvent[],
    param: (value: unknown) => string,
    knownState: unknown,
    append: AppendCtes,
  ): string[] | undefined;
}

/** The names of an append's own CTEs in its statement (several streams may share one). */
export interface AppendCtes {
  /** One row (`version`: the stream's new version) when the append goes ahead, else none. */
  claimed: string;
  /** The appended events' rows. */
  inserted: string;
}

/** An event as it is being appended: everything but its global position and transaction. */
export type PendingEvent<E extends DomainEvent = DomainEvent> = E extends DomainEvent
  ? { type: E['type']; data: E['data'] } & Omit<
      RecordedEventEnvelope,
      'globalPosition' | 'transactionId'
    >
  : never;

/** Writes folded into an append: CTEs to add to its statement, and the projections they cover. */
export interface FoldedProjections {
  ctes: string[];
  covered: ReadonlySet<string>;
}

@Injectable()
export class InlineProjectionRegistry {
  private readonly projections = new Map<string, InlineProjection>();

  register(projection: InlineProjection): void {
    if (this.projections.has(projection.name)) {
      throw new Error(`Inline projection ${projection.name} is registered twice`);
    }
    this.projections.set(projection.name, projection);
  }

  get(name: string): InlineProjection {
    const projection = this.projections.get(name);
    if (!projection) throw new Error(`Unknown inline projection ${name}`);
    return projection;
  }

  all(): InlineProjection[] {
    return [...this.projections.values()];
  }

  /**
   * The projections that can, folded into the append statement; their values are appended to
   * `params` (the statement's parameters so far).
   */
  foldAll(
    events: readonly PendingEvent[],
    params: unknown[],
    knownState: unknown,
    append: AppendCtes,
  ): FoldedProjections {
    const ctes: string[] = [];
    const covered = new Set<string>();
    const param = (value: unknown) => `$${params.push(value)}`;
    for (const projection of this.projections.values()) {
      const relevant = events.filter((e) => projection.handles.includes(e.type));
      if (relevant.length === 0 || !projection.fold) continue;
      const bound = params.length;
      const statements = projection.fold(relevant, param, knownState, append);
      if (statements === undefined) {
        params.length = bound; // values a declining fold bound must not be sent
        continue;
      }
      ctes.push(...statements);
      covered.add(projection.name);
    }
    return { ctes, covered };
  }

  /** Whether any projection interested in these events is not among `covered`. */
  needsApply(types: readonly string[], covered: ReadonlySet<string>): boolean {
    return [...this.projections.values()].some(
      (p) => !covered.has(p.name) && types.some((type) => p.handles.includes(type)),
    );
  }

  async applyAll(
    events: readonly RecordedEvent[],
    sql: SqlExecutor,
    knownState?: unknown,
    covered: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    for (const projection of this.projections.values()) {
      if (covered.has(projection.name)) continue;
      const relevant = events.filter((e) => projection.handles.includes(e.type));
      if (relevant.length > 0) await projection.apply(relevant, sql, knownState);
    }
  }
}
