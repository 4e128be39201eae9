import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { inSpan, SpanKind } from '@app/tracing';
import { inTransaction, isConnectionLoss, SqlExecutor, TransactionClient } from '../database/sql';
import { RecordedEvent } from '../event';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from '../event-row';
import { AppendedWake, EventLogNotifier } from './event-log-notifier';
import { LiveLogReads, LogCheckpoint } from './live-log-reads';

interface CommonOptions {
  /** Names the checkpoint; two processes with the same id share the work, one batch at a time. */
  subscriptionId: string;
  /** Only these types are delivered (all when omitted). */
  eventTypes?: readonly string[];
  /**
   * `durable`: checkpoint stored in Postgres in the same transaction as the handler's writes, and
   * delivery resumes there after a restart (worker sagas, async projections).
   * `live`: in-memory checkpoint starting at the current end of the log (per-process fan-out).
   */
  mode?: 'durable' | 'live';
  /**
   * Where a durable subscription seen for the first time starts: the beginning of the log
   * (default: projections, sagas that must see history) or its current end.
   */
  startFrom?: 'beginning' | 'end';
  batchSize?: number;
  pollIntervalMs?: number;
}

export type SubscriptionOptions = CommonOptions &
  (
    | {
        mode: 'live';
        /**
         * Handles a batch at once, outside any transaction: a live subscription only tells this
         * process (a feed, a cache), so its read is one statement, not a transaction.
         */
        handle(events: readonly RecordedEvent[]): Promise<void>;
      }
    | {
        mode?: 'durable';
        /** Handles a batch at once (a projection), in the transaction that moves the checkpoint. */
        handle(events: readonly RecordedEvent[], transaction: TransactionClient): Promise<void>;
      }
    | {
        mode?: 'durable';
        /**
         * Handles one event after another (a saga), each in a span that continues the trace of
         * the request that appended it.
         */
        handleEvent(event: RecordedEvent, transaction: TransactionClient): Promise<void>;
      }
  );

const START_ATTEMPTS = 10;

/**
 * Delivers committed events in (transaction id, position) order, at least once.
 *
 * A global position is taken before commit, so a transaction can commit after one with a higher
 * position. Reading only events whose transaction id is below the oldest in-flight transaction
 * (the snapshot's xmin), in transaction-id order, means nothing that commits later can sort
 * before the checkpoint.
 */
export class EventSubscription {
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly mode: 'durable' | 'live';
  private liveCheckpoint: LogCheckpoint | null = null;
  private checkpointCreated = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private rerun = false;
  private stopped = true;
  /**
   * The newest transaction known to have appended events of interest, and the transaction this
   * process last saw the checkpoint at: while the first is ahead, such events may still be
   * unread (e.g. held back behind an older transaction in flight).
   */
  private owedTransaction = 0n;
  private readTransaction = 0n;
  private readonly wake = (appended?: AppendedWake | null) => {
    if (this.wants(appended)) this.trigger();
  };

  constructor(
    private readonly pool: Pool,
    private readonly notifier: EventLogNotifier,
    private readonly options: SubscriptionOptions,
    /** Shared by the live subscriptions of a process (see LiveLogReads). */
    private readonly liveReads = new LiveLogReads((checkpoint, limit) =>
      readEventsAfter(pool, checkpoint, limit),
    ),
  ) {
    this.logger = new Logger(`Subscription:${options.subscriptionId}`);
    this.batchSize = options.batchSize ?? 500;
    this.mode = options.mode ?? 'durable';
  }

  get id(): string {
    return this.options.subscriptionId;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.mode === 'live') this.liveCheckpoint = null; // a restarted live feed starts at the end
    // A connection lost while starting (a failover, a terminated backend) is not a reason to
    // give up: the pool reconnects.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ensureCheckpoint();
        break;
      } catch (error) {
        if (!isConnectionLoss(error) || attempt >= START_ATTEMPTS) throw error;
        this.logger.warn(`database connection lost while starting, retrying: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
    this.notifier.on('appended', this.wake);
    this.notifier.on('reconnected', this.wake);
    await this.notifier.listen();
    this.schedulePoll();
    this.trigger();
  }

  /** Stops after the batch in progress; its checkpoint is stored before this resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.notifier.off('appended', this.wake);
    this.notifier.off('reconnected', this.wake);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Processes everything available now; resolves with the number of events read. */
  async drain(): Promise<number> {
    await this.ensureCheckpoint();
    let total = 0;
    for (;;) {
      const delivered = await this.processBatch();
      total += delivered;
      if (delivered < this.batchSize) return total;
    }
  }

  private async ensureCheckpoint(): Promise<void> {
    if (this.mode === 'live') {
      this.liveCheckpoint ??= await this.endOfLog();
      return;
    }
    if (this.checkpointCreated) return;
    const start =
      this.options.startFrom === 'end'
        ? await this.endOfLog()
        : { transactionId: '0', position: 0 };
    await this.pool.query(
      `INSERT INTO subscription_checkpoints (subscription_id, last_transaction_id, last_position)
       VALUES ($1, $2::xid8, $3) ON CONFLICT DO NOTHING`,
      [this.id, start.transactionId, start.position],
    );
    this.checkpointCreated = true;
  }

  /**
   * Whether an append is worth a read: one of the types delivered (or the types untold), or any
   * append while events of interest may still be unread. Other appends are passed over here;
   * the poll moves the checkpoint past them in bulk.
   */
  private wants(appended: AppendedWake | null | undefined): boolean {
    const types = this.options.eventTypes;
    if (!appended || !types) return true;
    // Types untold (`*`) may be ours: owed like ours.
    if (!appended.types || appended.types.some((type) => types.includes(type))) {
      if (appended.transactionId > this.owedTransaction) {
        this.owedTransaction = appended.transactionId;
      }
      return true;
    }
    return this.owedTransaction > this.readTransaction;
  }

  private readPast(checkpoint: LogCheckpoint): void {
    const transaction = BigInt(checkpoint.transactionId);
    if (transaction > this.readTransaction) this.readTransaction = transaction;
  }

  private trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  private async loop(): Promise<void> {
    do {
      this.rerun = false;
      try {
        await this.drain();
      } catch (error) {
        this.logger.error(`handler failed, will retry: ${(error as Error).message}`);
        return; // the poll timer retries
      }
    } while (this.rerun && !this.stopped);
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.trigger();
      this.schedulePoll();
    }, this.options.pollIntervalMs ?? 1000);
    this.timer.unref();
  }

  private async processBatch(): Promise<number> {
    const options = this.options;
    if (options.mode === 'live') {
      const events = await this.liveReads.read(this.liveCheckpoint!, this.batchSize);
      if (events.length === 0) return 0;
      const relevant = this.relevant(events);
      if (relevant.length > 0) await options.handle(relevant);
      const last = events[events.length - 1];
      this.liveCheckpoint = { transactionId: last.transactionId, position: last.globalPosition };
      this.readPast(this.liveCheckpoint);
      return events.length;
    }
    const { read, next } = await inTransaction(this.pool, async (tx) => {
      const checkpoint = await this.lockCheckpoint(tx);
      if (!checkpoint) return { read: 0 }; // another process is working on this subscription
      const events = await readEventsAfter(tx, checkpoint, this.batchSize);
      if (events.length === 0) return { read: 0, next: checkpoint };
      const relevant = this.relevant(events);
      if (relevant.length > 0) await this.deliver(relevant, tx);
      const last = events[events.length - 1];
      const next = { transactionId: last.transactionId, position: last.globalPosition };
      await this.saveCheckpoint(tx, next);
      return { read: events.length, next };
    });
    if (next) this.readPast(next);
    return read;
  }

  private relevant(events: RecordedEvent[]): RecordedEvent[] {
    const types = this.options.eventTypes;
    return types ? events.filter((e) => types.includes(e.type)) : events;
  }

  private async deliver(events: readonly RecordedEvent[], tx: TransactionClient): Promise<void> {
    const options = this.options;
    if ('handle' in options) return options.handle(events, tx);
    for (const event of events) {
      await inSpan(
        `${this.id} ${event.type}`,
        {
          parent: event.metadata,
          kind: SpanKind.CONSUMER,
          attributes: {
            'subscription.id': this.id,
            'event.type': event.type,
            'event.id': event.metadata.eventId,
            'event.stream_id': event.streamId,
            'event.global_position': event.globalPosition,
          },
        },
        () => options.handleEvent(event, tx),
      );
    }
  }

  private async lockCheckpoint(tx: TransactionClient): Promise<LogCheckpoint | null> {
    // An advisory lock, unlike SELECT ... FOR UPDATE, does not assign this transaction an id, so
    // holding it does not hold back the xmin other subscribers read below.
    const { rows } = await tx.query<{ locked: boolean; tx: string; pos: string }>(
      `SELECT pg_try_advisory_xact_lock(hashtext('subscription:' || $1)) AS locked,
              last_transaction_id::text AS tx, last_position AS pos
         FROM subscription_checkpoints WHERE subscription_id = $1`,
      [this.id],
    );
    const row = rows[0];
    if (!row || !row.locked) return null;
    return { transactionId: row.tx, position: Number(row.pos) };
  }

  private async saveCheckpoint(tx: TransactionClient, checkpoint: LogCheckpoint): Promise<void> {
    await tx.query(
      `UPDATE subscription_checkpoints
          SET last_transaction_id = $2::xid8, last_position = $3, updated_at = now()
        WHERE subscription_id = $1`,
      [this.id, checkpoint.transactionId, checkpoint.position],
    );
  }

  private async endOfLog(): Promise<LogCheckpoint> {
    const { rows } = await this.pool.query<{ tx: string; pos: string }>(
      `SELECT transaction_id::text AS tx, global_position AS pos FROM events
        WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    );
    return rows[0]
      ? { transactionId: rows[0].tx, position: Number(rows[0].pos) }
      : { transactionId: '0', position: 0 };
  }
}

/** Committed events after the checkpoint, below the oldest transaction still in flight. */
export async function readEventsAfter(
  sql: SqlExecutor,
  checkpoint: LogCheckpoint,
  limit: number,
): Promise<RecordedEvent[]> {
  // `events.transaction_id`: the bare name would be the output column, its text (as text '10'
  // sorts before '9': events passed over for good), sorted row by row instead of read in order
  // from the (transaction_id, global_position) index.
  const { rows } = await sql.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events
      WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
        AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY events.transaction_id, global_position
      LIMIT $3`,
    [checkpoint.transactionId, checkpoint.position, limit],
  );
  return rows.map((row) => toRecordedEvent(row));
}
