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
import { GroupCommit } from './group-commit';
import { StreamVersionReads } from './stream-version-reads';
import {
  AppendCtes,
  FoldedProjections,
  InlineProjectionRegistry,
  PendingEvent,
} from './projections/inline-projection';

export const EVENT_STORE_CHANNEL = 'event_store';
/** NOTIFY payloads must stay under 8,000 bytes; longer lists of types are sent as `*`. */
const MAX_NOTIFIED_TYPES = 7000;
/** SQLSTATE raised by event_store_stream_moved_on(stream_id), the stream id as its detail. */
const STREAM_MOVED_ON = 'SV409';

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
    // Named: thousands a second under seat-map load, each parsed and planned again otherwise.
    const { rows } = await this.pool.query<{ stream_id: string; version: number }>(
      namedStatement('SELECT stream_id, version FROM streams WHERE stream_id = ANY($1)', [
        streamIds,
      ]),
    );
    return new Map(rows.map((row) => [row.stream_id, row.version]));
  }, NO_STREAM);

  private readonly groupCommit = new GroupCommit<AppendStatement>(
    (commits) =>
      this.appendStatement(
        commits.flatMap((c) => c.appends),
        commits.flatMap((c) => c.appends.map(() => c.defaults)),
      ),
    (appends, statement) => this.runAppend(this.pool, appends, statement),
  );

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
    // A statement per stream (one stream's is the statement built below, if it was).
    const perStream = async (sql: SqlExecutor, built?: AppendStatement) => {
      const results: AppendResult[] = [];
      for (const a of appends) {
        const statement = built ?? this.appendStatement([a], defaults);
        results.push(...(await this.runAppend(sql, [a], statement)));
      }
      return results;
    };
    if (options.transaction) return perStream(options.transaction);
    // One statement for all streams when every interested projection folds in: atomic on its
    // own, one round trip, which other callers' appends waiting meanwhile may share (see
    // GroupCommit). Otherwise a transaction: a statement per stream, then the others.
    // (A stream named twice is appended to in turn: one statement cannot update its row twice.)
    if (new Set(appends.map((a) => a.streamId)).size !== appends.length) {
      return inTransaction(this.pool, (sql) => perStream(sql));
    }
    const combined = this.appendStatement(appends, defaults);
    if (!combined.needsApply)
      return this.groupCommit.commit({ appends, defaults, alone: combined });
    return inTransaction(this.pool, (sql) =>
      perStream(sql, appends.length === 1 ? combined : undefined),
    );
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
   * The appends as one statement: for each stream, claim its new version, insert its events, and
   * the writes of the inline projections that can fold themselves in (when the events' stream
   * positions are known, i.e. not with ANY_VERSION); then notify subscribers. With several
   * streams, a stream not at its expected version aborts the whole statement (SV409).
   */
  private appendStatement(
    appends: readonly StreamAppend[],
    /** The metadata defaults of all appends, or of each (appends of several callers merged). */
    defaults: Partial<EventMetadata> | readonly Partial<EventMetadata>[],
  ): AppendStatement {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const several = appends.length > 1;
    const parts = appends.map((a, i) =>
      this.appendPart(
        a,
        isList(defaults) ? defaults[i] : defaults,
        params,
        param,
        several ? `_${i}` : '',
      ),
    );
    const ctes = parts.flatMap((part) => part.ctes);
    // Subscribers learn which types were appended, and by which transaction (see AppendedWake).
    const types = [...new Set(appends.flatMap((a) => a.events.map((e) => e.type)))].join(',');
    const payload = `pg_current_xact_id()::text || ' ' || ${param(types.length <= MAX_NOTIFIED_TYPES ? types : '*')}`;
    const notify = `(SELECT count(*) FROM (SELECT pg_notify(${param(EVENT_STORE_CHANNEL)}, ${payload})) n) AS notified`;
    let sql: string;
    if (!several) {
      sql = `WITH ${ctes.join(',\n')}\nSELECT ${APPENDED_COLUMNS}, ${notify} FROM inserted`;
    } else {
      // A guard read before the events: its one-time filter raises when a claim found its stream
      // moved on, so no stream is written unless all are.
      const guard = `guard AS (SELECT CASE ${parts
        .map(
          (p) =>
            `WHEN NOT EXISTS (SELECT FROM ${p.names.claimed}) THEN event_store_stream_moved_on(${p.streamId})`,
        )
        .join(' ')} ELSE true END AS ok)`;
      sql = `WITH ${[...ctes, guard].join(',\n')}
        SELECT ${APPENDED_COLUMNS}, ${notify}
          FROM (${parts.map((p) => `SELECT * FROM ${p.names.inserted}`).join(' UNION ALL ')}) u
         WHERE (SELECT ok FROM guard)`;
    }
    const covered = parts.map((part) => part.covered);
    return {
      sql,
      params,
      covered,
      written: parts.map((part) => part.written),
      needsApply: appends.some((a, i) =>
        this.projections.needsApply(
          a.events.map((e) => e.type),
          covered[i],
        ),
      ),
    };
  }

  /** One stream's CTEs: its claim, its insert, and its folded projections' writes. */
  private appendPart(
    { streamId, expectedVersion, events, knownState }: StreamAppend,
    defaults: Partial<EventMetadata>,
    params: unknown[],
    param: (value: unknown) => string,
    suffix: string,
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
    const written: WrittenEvent[] = prepared.map((p) => ({
      type: p.event.type,
      schemaVersion: p.event.schemaVersion ?? 1,
      data: JSON.stringify(p.event.data ?? null),
      metadata: JSON.stringify(p.metadata),
    }));
    const names: AppendCtes = { claimed: `claimed${suffix}`, inserted: `inserted${suffix}` };
    const stream = param(streamId);
    const count = param(events.length);
    const claim = claimVersions(expectedVersion, stream, count, param);
    const ctes = [
      `${names.claimed} AS (${claim})`,
      `${names.inserted} AS (
         INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, metadata)
         SELECT ${stream}, c.version - ${count} + x.ord, x.e, x.t, x.sv, x.d, x.m
           FROM ${names.claimed} c,
                unnest(${param(prepared.map((p) => p.metadata.eventId))}::uuid[],
                       ${param(written.map((w) => w.type))}::text[],
                       ${param(written.map((w) => w.schemaVersion))}::int[],
                       ${param(written.map((w) => w.data))}::jsonb[],
                       ${param(written.map((w) => w.metadata))}::jsonb[])
                  WITH ORDINALITY AS x(e, t, sv, d, m, ord)
         RETURNING ${EVENT_COLUMNS})`,
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
      folded = this.projections.foldAll(pending, params, knownState, names);
    }
    ctes.push(...folded.ctes.map((cte, i) => `folded${suffix}_${i} AS (${cte})`));
    return { ctes, names, streamId: stream, covered: folded.covered, written };
  }

  /** Runs an append statement; then, for the projections it did not cover, their apply(). */
  private async runAppend(
    sql: SqlExecutor,
    appends: readonly StreamAppend[],
    statement: AppendStatement,
  ): Promise<AppendResult[]> {
    let rows: AppendedRow[];
    try {
      rows = (await sql.query<AppendedRow>(namedStatement(statement.sql, statement.params))).rows;
    } catch (error) {
      const moved = movedStream(error, appends);
      if (moved) {
        throw new ConcurrencyError(
          moved.streamId,
          moved.expectedVersion,
          await this.streamVersion(moved.streamId),
        );
      }
      throw error;
    }
    if (rows.length === 0) {
      // One stream (several abort instead): its claim found it moved on.
      const [{ streamId, expectedVersion }] = appends;
      throw new ConcurrencyError(
        streamId,
        expectedVersion,
        await this.streamVersion(streamId, sql),
      );
    }
    const results: AppendResult[] = [];
    for (const [i, { streamId, knownState }] of appends.entries()) {
      // The events as written: only their positions are read back.
      const recorded = rows
        .filter((row) => row.stream_id === streamId)
        .sort((a, b) => a.stream_position - b.stream_position)
        .map((row, n) => recordedEvent(statement.written[i][n], row));
      await this.projections.applyAll(recorded, sql, knownState, statement.covered[i]);
      results.push({
        streamId,
        nextExpectedVersion: recorded[recorded.length - 1].streamPosition,
        events: recorded,
      });
    }
    return results;
  }
}

interface AppendStatement {
  sql: string;
  params: unknown[];
  /** Per append, the projections folded into the statement. */
  covered: ReadonlySet<string>[];
  /** Per append, its events as they are written (data and metadata as JSON). */
  written: WrittenEvent[][];
  /** Whether some projection must still apply() the events (in the same transaction). */
  needsApply: boolean;
}

/** An event as the append writes it: JSON texts, so the recorded event reads as the log would. */
interface WrittenEvent {
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
}

function isList<T extends object>(value: T | readonly T[]): value is readonly T[] {
  return Array.isArray(value);
}

/** What an append statement returns per event: where it landed (its content is known). */
const APPENDED_COLUMNS = 'global_position, stream_id, stream_position, transaction_id';
type AppendedRow = Pick<
  EventRow,
  'global_position' | 'stream_id' | 'stream_position' | 'transaction_id'
>;

/** The recorded event, with data and metadata parsed from the JSON written (as a read would). */
function recordedEvent(written: WrittenEvent, row: AppendedRow): RecordedEvent {
  return {
    type: written.type,
    data: JSON.parse(written.data) as unknown,
    schemaVersion: written.schemaVersion,
    metadata: JSON.parse(written.metadata) as EventMetadata,
    streamId: row.stream_id,
    streamPosition: row.stream_position,
    globalPosition: Number(row.global_position),
    transactionId: row.transaction_id,
  } as RecordedEvent;
}

/**
 * The append a failed statement names as not at its expected version: a stream whose claim
 * found it moved on (SV409, with several streams), or whose position was taken meanwhile.
 */
function movedStream(error: unknown, appends: readonly StreamAppend[]): StreamAppend | undefined {
  const e = error as { code?: string; detail?: string };
  if (e?.code === STREAM_MOVED_ON) return appends.find((a) => a.streamId === e.detail);
  if (!isUniqueViolation(error, 'events_stream_position_key')) return undefined;
  const key = /=\((.*), \d+\)/.exec(e.detail ?? '')?.[1];
  return appends.find((a) => a.streamId === key) ?? appends[0];
}

/** The statement that moves a stream's version by `count` events, returning the new version or no row. */
function claimVersions(
  expected: ExpectedVersion,
  stream: string,
  count: string,
  param: (value: unknown) => string,
): string {
  if (expected === ANY_VERSION) {
    return `INSERT INTO streams (stream_id, version) VALUES (${stream}, ${count})
            ON CONFLICT (stream_id) DO UPDATE SET version = streams.version + ${count}, updated_at = now()
            RETURNING version`;
  }
  if (expected === NO_STREAM) {
    return `INSERT INTO streams (stream_id, version) VALUES (${stream}, ${count})
            ON CONFLICT (stream_id) DO NOTHING RETURNING version`;
  }
  if (!Number.isInteger(expected) || expected < 0)
    throw new Error(`Invalid expected version ${expected}`);
  return `UPDATE streams SET version = version + ${count}, updated_at = now()
           WHERE stream_id = ${stream} AND version = ${param(expected)} RETURNING version`;
}
