import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { Clock, CLOCK } from '@app/clock';
import { activeTraceContext } from '@app/tracing';
import { currentCorrelation } from './correlation';
import { ConcurrencyError } from './concurrency.error';
import {
  inTransaction,
  isUniqueViolation,
  namedStatement,
  PG_POOL,
  SqlExecutor,
  TransactionClient,
} from './database/sql';
import {
  ANY_VERSION,
  AppendResult,
  EventMetadata,
  EventToAppend,
  ExpectedVersion,
  NO_STREAM,
  RecordedEvent,
} from './event';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from './event-row';
import { StreamVersionReads } from './stream-version-reads';
import {
  FoldedProjections,
  InlineProjectionRegistry,
  PendingEvent,
} from './projections/inline-projection';

export const EVENT_STORE_CHANNEL = 'event_store';

export interface AppendOptions {
  /** Join the caller's transaction. */
  transaction?: TransactionClient;
  /** Defaults for every event's metadata (actor, correlation id, reason...). */
  metadata?: Partial<EventMetadata>;
}

/** Events for one stream, appended if the stream is still at `expectedVersion`. */
export interface StreamAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: readonly EventToAppend[];
  /**
   * What the appender already knows of the stream before these events (e.g. the aggregate's
   * state at the expected version), so an inline projection need not read it back.
   */
  knownState?: unknown;
}

@Injectable()
export class PostgresEventStore {
  private readonly versionReads = new StreamVersionReads(async (streamIds) => {
    const { rows } = await this.pool.query<{ stream_id: string; version: number }>(
      'SELECT stream_id, version FROM streams WHERE stream_id = ANY($1)',
      [streamIds],
    );
    return new Map(rows.map((row) => [row.stream_id, row.version]));
  }, NO_STREAM);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: InlineProjectionRegistry,
  ) {}

  /**
   * Appends events if the stream is still at `expectedVersion`, runs the inline projections and
   * wakes subscribers, all in one transaction. Throws ConcurrencyError when the stream moved on.
   */
  async append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly EventToAppend[],
    options: AppendOptions & { knownState?: unknown } = {},
  ): Promise<AppendResult> {
    const [result] = await this.appendMany(
      [{ streamId, expectedVersion, events, knownState: options.knownState }],
      options,
    );
    return result;
  }

  /**
   * Appends to several streams atomically: every stream must still be at its expected version,
   * or nothing is appended (ConcurrencyError names the stream that moved on). Each stream's
   * inline projections run (folded where they can) in the same transaction.
   */
  async appendMany(
    appends: readonly StreamAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult[]> {
    if (appends.length === 0 || appends.some((a) => a.events.length === 0)) {
      throw new Error('append needs at least one event for each stream');
    }
    const correlation = currentCorrelation();
    const defaults = {
      ...(correlation?.causationId ? { causationId: correlation.causationId } : {}),
      // The appending span's, unless the caller captured its own (a group commit appends for
      // several callers from the first one's context).
      ...activeTraceContext(),
      ...options.metadata,
      correlationId: options.metadata?.correlationId ?? correlation?.correlationId ?? randomUUID(),
    };
    const statements = appends.map((a) =>
      this.appendStatement(a.streamId, a.expectedVersion, a.events, defaults, a.knownState),
    );
    const work = async (sql: SqlExecutor) => {
      const results: AppendResult[] = [];
      for (const [i, a] of appends.entries()) {
        results.push(
          await this.runAppend(sql, a.streamId, a.expectedVersion, statements[i], a.knownState),
        );
      }
      return results;
    };
    if (options.transaction) return work(options.transaction);
    // One stream whose interested projections all fold in: the one statement is atomic on its own.
    if (statements.length === 1 && !statements[0].needsApply) return work(this.pool);
    return inTransaction(this.pool, work);
  }

  async readStream(
    streamId: string,
    options: { fromVersion?: number; toVersion?: number; sql?: SqlExecutor } = {},
  ): Promise<RecordedEvent[]> {
    const sql: SqlExecutor = options.sql ?? this.pool;
    const { rows } = await sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE stream_id = $1 AND stream_position >= $2
          AND ($3::int IS NULL OR stream_position <= $3)
        ORDER BY stream_position`,
      [streamId, options.fromVersion ?? 1, options.toVersion ?? null],
    );
    return rows.map((row) => toRecordedEvent(row));
  }

  /**
   * The stream's version as of a moment after the call (in `sql`'s transaction when given);
   * concurrent reads outside a transaction share one query.
   */
  async streamVersion(streamId: string, sql?: SqlExecutor): Promise<number> {
    if (!sql) return this.versionReads.read(streamId);
    const { rows } = await sql.query<{ version: number }>(
      'SELECT version FROM streams WHERE stream_id = $1',
      [streamId],
    );
    return rows[0]?.version ?? NO_STREAM;
  }

  /**
   * Committed events after `fromPosition` in global order. Positions may have gaps; for a live
   * feed that must not miss late commits use an EventSubscription instead.
   */
  async readAll(
    options: {
      fromPosition?: number;
      limit?: number;
      types?: readonly string[];
      sql?: SqlExecutor;
    } = {},
  ): Promise<RecordedEvent[]> {
    const sql: SqlExecutor = options.sql ?? this.pool;
    const { rows } = await sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE global_position > $1 AND ($3::text[] IS NULL OR type = ANY($3))
        ORDER BY global_position
        LIMIT $2`,
      [options.fromPosition ?? 0, options.limit ?? 1000, options.types ?? null],
    );
    return rows.map((row) => toRecordedEvent(row));
  }

  /**
   * The append as one statement: claim the stream's new version, insert the events, notify
   * subscribers, and the writes of the inline projections that can fold themselves in (when the
   * events' stream positions are known, i.e. not with ANY_VERSION).
   */
  private appendStatement(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly EventToAppend[],
    defaults: Partial<EventMetadata>,
    knownState?: unknown,
  ) {
    const occurredAt = this.clock.now().toISOString();
    const correlationId = defaults.correlationId ?? randomUUID();
    const prepared = events.map((event) => ({
      event,
      metadata: {
        causationId: null,
        actor: { kind: 'system', id: 'system' },
        ...defaults,
        ...event.metadata,
        correlationId: event.metadata?.correlationId ?? correlationId,
        eventId: event.metadata?.eventId ?? randomUUID(),
        occurredAt: event.metadata?.occurredAt ?? defaults.occurredAt ?? occurredAt,
      } as EventMetadata,
    }));
    const { claim, params: claimParams } = claimVersions(expectedVersion);
    const params: unknown[] = [
      streamId,
      events.length,
      prepared.map((p) => p.metadata.eventId),
      prepared.map((p) => p.event.type),
      prepared.map((p) => p.event.schemaVersion ?? 1),
      prepared.map((p) => JSON.stringify(p.event.data ?? null)),
      prepared.map((p) => JSON.stringify(p.metadata)),
      EVENT_STORE_CHANNEL,
      ...claimParams,
    ];
    let folded: FoldedProjections = { ctes: [], covered: new Set() };
    if (expectedVersion !== ANY_VERSION) {
      const pending: PendingEvent[] = prepared.map((p, i) => ({
        type: p.event.type,
        data: p.event.data,
        schemaVersion: p.event.schemaVersion ?? 1,
        metadata: p.metadata,
        streamId,
        streamPosition: expectedVersion + i + 1,
      }));
      folded = this.projections.foldAll(pending, params, knownState);
    }
    const sql = `WITH claimed AS (${claim}),
         inserted AS (
           INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, metadata)
           SELECT $1, claimed.version - $2 + x.ord, x.e, x.t, x.sv, x.d, x.m
             FROM claimed,
                  unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])
                    WITH ORDINALITY AS x(e, t, sv, d, m, ord)
           RETURNING ${EVENT_COLUMNS}
         )${folded.ctes.map((cte, i) => `,\n         folded_${i} AS (${cte})`).join('')}
         SELECT inserted.*, (SELECT count(*) FROM (SELECT pg_notify($8, $1)) n) AS notified FROM inserted`;
    return {
      sql,
      params,
      covered: folded.covered,
      needsApply: this.projections.needsApply(
        events.map((e) => e.type),
        folded.covered,
      ),
    };
  }

  private async runAppend(
    sql: SqlExecutor,
    streamId: string,
    expectedVersion: ExpectedVersion,
    statement: ReturnType<PostgresEventStore['appendStatement']>,
    knownState?: unknown,
  ): Promise<AppendResult> {
    let rows: EventRow[];
    try {
      rows = (await sql.query<EventRow>(namedStatement(statement.sql, statement.params))).rows;
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_position_key')) {
        throw new ConcurrencyError(streamId, expectedVersion, await this.streamVersion(streamId));
      }
      throw error;
    }
    if (rows.length === 0) {
      throw new ConcurrencyError(
        streamId,
        expectedVersion,
        await this.streamVersion(streamId, sql),
      );
    }
    const recorded = rows
      .sort((a, b) => a.stream_position - b.stream_position)
      .map((row) => toRecordedEvent(row));
    await this.projections.applyAll(recorded, sql, knownState, statement.covered);
    return {
      streamId,
      nextExpectedVersion: recorded[recorded.length - 1].streamPosition,
      events: recorded,
    };
  }
}

/** The statement that moves a stream's version by $2 events, returning the new version or no row. */
function claimVersions(expected: ExpectedVersion): { claim: string; params: unknown[] } {
  if (expected === ANY_VERSION) {
    return {
      claim: `INSERT INTO streams (stream_id, version) VALUES ($1, $2)
              ON CONFLICT (stream_id) DO UPDATE SET version = streams.version + $2, updated_at = now()
              RETURNING version`,
      params: [],
    };
  }
  if (expected === NO_STREAM) {
    return {
      claim: `INSERT INTO streams (stream_id, version) VALUES ($1, $2)
              ON CONFLICT (stream_id) DO NOTHING RETURNING version`,
      params: [],
    };
  }
  if (!Number.isInteger(expected) || expected < 0)
    throw new Error(`Invalid expected version ${expected}`);
  return {
    claim: `UPDATE streams SET version = version + $2, updated_at = now()
             WHERE stream_id = $1 AND version = $9 RETURNING version`,
    params: [expected],
  };
}
