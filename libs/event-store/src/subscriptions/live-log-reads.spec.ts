import type { RecordedEvent } from '../event';
import { LiveLogReads } from './live-log-reads';

const at = (position: number) => ({ transactionId: '7', position });

describe('LiveLogReads', () => {
  it('sends one query for the reads of the same range asked together', async () => {
    const queries: number[] = [];
    const reads = new LiveLogReads(async (checkpoint) => {
      queries.push(checkpoint.position);
      return [{ globalPosition: checkpoint.position + 1 } as RecordedEvent];
    });
    const [a, b] = await Promise.all([reads.read(at(5), 500), reads.read(at(5), 500)]);
    expect(queries).toEqual([5]);
    expect(a).toBe(b);
  });

  it('reads other ranges apart, and never shares a read already sent', async () => {
    const queries: number[] = [];
    let release!: () => void;
    const reads = new LiveLogReads(async (checkpoint) => {
      queries.push(checkpoint.position);
      if (queries.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return [];
    });
    const first = reads.read(at(5), 500);
    await new Promise((resolve) => setImmediate(resolve)); // the first query is on its way
    const later = reads.read(at(5), 500);
    const elsewhere = reads.read(at(9), 500);
    await Promise.all([later, elsewhere]);
    release();
    await first;
    expect(queries).toEqual([5, 5, 9]);
  });

  it('gives every sharer the failure of the query', async () => {
    const reads = new LiveLogReads(() => Promise.reject(new Error('connection lost')));
    const results = await Promise.allSettled([reads.read(at(1), 10), reads.read(at(1), 10)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
