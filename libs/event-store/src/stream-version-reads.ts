const MAX_RUNNING = 2;

interface Waiter {
  resolve(version: number): void;
  reject(error: unknown): void;
}

/**
 * Stream-version reads that share one query. A read joins the next query to start, never one
 * already running: that query's snapshot may predate a commit the caller has since seen, so only
 * a query started after the call is sure to show it (read-your-writes). At most two queries
 * run at a time (one is answered while the other is on its way); the reads arriving meanwhile go
 * together in the next, so thousands of seat-map requests a second cost a few hundred lookups.
 */
export class StreamVersionReads {
  private next = new Map<string, Waiter[]>();
  private running = 0;

  constructor(
    private readonly readVersions: (streamIds: string[]) => Promise<Map<string, number>>,
    private readonly absent: number,
  ) {}

  read(streamId: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const waiters = this.next.get(streamId);
      if (waiters) waiters.push({ resolve, reject });
      else this.next.set(streamId, [{ resolve, reject }]);
      if (this.running < MAX_RUNNING) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running++;
    try {
      while (this.next.size > 0) {
        const batch = this.next;
        this.next = new Map();
        try {
          const versions = await this.readVersions([...batch.keys()]);
          for (const [streamId, waiters] of batch) {
            const version = versions.get(streamId) ?? this.absent;
            for (const waiter of waiters) waiter.resolve(version);
          }
        } catch (error) {
          for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
        }
      }
    } finally {
      this.running--;
    }
  }
}
