import type { RecordedEvent } from '../event';

export interface LogCheckpoint {
  transactionId: string;
  position: number;
}

type ReadAfter = (checkpoint: LogCheckpoint, limit: number) => Promise<RecordedEvent[]>;

interface PendingRead {
  promise: Promise<RecordedEvent[]>;
}

/**
 * The live subscriptions of a process (the seat feed, the trip-cache invalidation) are woken by
 * the same notification and stand at the same checkpoint, so their reads of the log's tail are
 * one query: a read is sent a turn of the event loop after the first asks, and those asking for
 * the same range meanwhile share it. A read already sent is never shared, as it may predate the
 * event that woke the caller. The events are shared too: handlers only read them.
 */
export class LiveLogReads {
  private readonly pending = new Map<string, PendingRead>();

  constructor(private readonly readAfter: ReadAfter) {}

  read(checkpoint: LogCheckpoint, limit: number): Promise<RecordedEvent[]> {
    const key = `${checkpoint.transactionId}:${checkpoint.position}:${limit}`;
    const known = this.pending.get(key);
    if (known) return known.promise;
    const promise = new Promise<RecordedEvent[]>((resolve, reject) => {
      setImmediate(() => {
        this.pending.delete(key);
        this.readAfter(checkpoint, limit).then(resolve, reject);
      });
    });
    this.pending.set(key, { promise });
    return promise;
  }
}
