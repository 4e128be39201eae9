import { DatabaseError } from 'pg';
import { isConcurrencyError } from './concurrency.error';
import { AppendResult, EventMetadata } from './event';
import type { StreamAppend } from './postgres-event-store';

/** Append statements a process keeps in flight at once; appends arriving meanwhile wait. */
const MAX_IN_FLIGHT = 2;
/** Waiting appends (each one caller's, to one or more streams) merged into one statement at most. */
const MAX_MERGED = 4;
/**
 * Distinct merged statements a process makes at most: each is prepared on every connection that
 * runs it, and the mixes of appends are many. Past this, a new mix runs append by append.
 */
const MAX_MERGED_TEXTS = 200;

/** One caller's append, and the statement that commits it on its own. */
export interface PendingCommit<S extends { sql: string }> {
  appends: readonly StreamAppend[];
  defaults: Partial<EventMetadata>;
  alone: S;
}

interface Waiting<S extends { sql: string }> extends PendingCommit<S> {
  resolve(results: AppendResult[]): void;
  reject(error: unknown): void;
}

/**
 * Group commit across streams: appends to different streams that wait while the pool's append
 * statements are in flight are committed together, one statement and one transaction for up to
 * MAX_MERGED of them. Under load this saves each append its own commit (WAL flush), round trip
 * and NOTIFY; with nothing in flight an append runs at once, alone.
 *
 * Merged appends are all-or-nothing, as one statement is, and touch disjoint streams (two on one
 * stream never share a statement). When the merged statement is refused (a stream moved on, a
 * unique key taken) Postgres rolled it back whole, and each append is committed again on its own,
 * so each caller gets the answer it would have had alone. Any other failure (a connection lost,
 * when the commit's fate is unknown) is every caller's, as it would be alone.
 */
export class GroupCommit<S extends { sql: string }> {
  private waiting: Waiting<S>[] = [];
  private inFlight = 0;
  private readonly mergedTexts = new Set<string>();

  constructor(
    /** One statement for several callers' appends, in the order given. */
    private readonly merge: (commits: readonly PendingCommit<S>[]) => S,
    private readonly run: (
      appends: readonly StreamAppend[],
      statement: S,
    ) => Promise<AppendResult[]>,
  ) {}

  commit(pending: PendingCommit<S>): Promise<AppendResult[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...pending, resolve, reject });
      this.startNext();
    });
  }

  private startNext(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const batch = this.takeBatch();
      this.inFlight++;
      void this.commitBatch(batch).finally(() => {
        this.inFlight--;
        this.startNext();
      });
    }
  }

  /** The oldest waiting appends, up to MAX_MERGED, no two sharing a stream. */
  private takeBatch(): Waiting<S>[] {
    const batch: Waiting<S>[] = [];
    const streams = new Set<string>();
    const left: Waiting<S>[] = [];
    for (const item of this.waiting) {
      if (batch.length < MAX_MERGED && item.appends.every((a) => !streams.has(a.streamId))) {
        batch.push(item);
        for (const a of item.appends) streams.add(a.streamId);
      } else {
        left.push(item);
      }
    }
    this.waiting = left;
    return batch;
  }

  private async commitBatch(batch: Waiting<S>[]): Promise<void> {
    const merged = batch.length > 1 ? this.mergedStatement(batch) : undefined;
    if (merged) {
      try {
        const results = await this.run(
          batch.flatMap((item) => item.appends),
          merged,
        );
        let next = 0;
        for (const item of batch) {
          item.resolve(results.slice(next, next + item.appends.length));
          next += item.appends.length;
        }
        return;
      } catch (error) {
        if (!rolledBack(error)) {
          for (const item of batch) item.reject(error);
          return;
        }
      }
    }
    // Alone, or again alone after the merged statement was refused: each its own answer.
    for (const item of batch) await this.commitAlone(item);
  }

  /**
   * The batch's statement, its appends in a canonical order (by their own statements' text) so
   * that the same mix of appends makes the same text; none once MAX_MERGED_TEXTS are in use and
   * this mix is new.
   */
  private mergedStatement(batch: Waiting<S>[]): S | undefined {
    batch.sort((a, b) => (a.alone.sql < b.alone.sql ? -1 : a.alone.sql > b.alone.sql ? 1 : 0));
    let statement: S;
    try {
      statement = this.merge(batch);
    } catch {
      // Each append's own statement was built; one that cannot merge still commits alone.
      return undefined;
    }
    if (!this.mergedTexts.has(statement.sql)) {
      if (this.mergedTexts.size >= MAX_MERGED_TEXTS) return undefined;
      this.mergedTexts.add(statement.sql);
    }
    return statement;
  }

  private async commitAlone(item: Waiting<S>): Promise<void> {
    try {
      item.resolve(await this.run(item.appends, item.alone));
    } catch (error) {
      item.reject(error);
    }
  }
}

/**
 * Whether a failed statement certainly changed nothing: refused by Postgres with an ERROR (a
 * statement outside a transaction block is rolled back whole), or a stream found moved on. A
 * FATAL (the backend terminated) or a lost connection may have come after the commit.
 */
function rolledBack(error: unknown): boolean {
  if (isConcurrencyError(error)) return true;
  return error instanceof DatabaseError && error.severity === 'ERROR';
}
