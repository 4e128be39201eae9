import { StreamVersionReads } from './stream-version-reads';

/** A query the test finishes by hand, recording which streams each call asked for. */
function manualQueries() {
  const calls: { streamIds: string[]; answer(versions: Record<string, number>): void }[] = [];
  const reads = new StreamVersionReads(
    (streamIds) =>
      new Promise((resolve) =>
        calls.push({ streamIds, answer: (v) => resolve(new Map(Object.entries(v))) }),
      ),
    -1,
  );
  return { calls, reads };
}

describe('StreamVersionReads', () => {
  it('answers a lone read with its own query', async () => {
    const { calls, reads } = manualQueries();
    const read = reads.read('a');
    expect(calls.map((c) => c.streamIds)).toEqual([['a']]);
    calls[0].answer({ a: 3 });
    await expect(read).resolves.toBe(3);
  });

  it('never answers a read from a query that started before it', async () => {
    const { calls, reads } = manualQueries();
    const early = reads.read('a');
    const second = reads.read('a'); // a second query runs beside the first
    const late = reads.read('a'); // arrives while both run: waits for a query of its own
    expect(calls).toHaveLength(2);
    calls[0].answer({ a: 3 });
    calls[1].answer({ a: 3 });
    await expect(Promise.all([early, second])).resolves.toEqual([3, 3]);
    await new Promise((r) => setImmediate(r));
    expect(calls.map((c) => c.streamIds)).toEqual([['a'], ['a'], ['a']]);
    calls[2].answer({ a: 4 }); // a commit after the first two queries began
    await expect(late).resolves.toBe(4);
  });

  it('sends the reads that wait together in one query, and says which stream is absent', async () => {
    const { calls, reads } = manualQueries();
    const running = [reads.read('a'), reads.read('z')];
    const waiting = [reads.read('a'), reads.read('b'), reads.read('a'), reads.read('c')];
    calls[0].answer({ a: 1 });
    await running[0];
    await new Promise((r) => setImmediate(r));
    expect(calls[2].streamIds.sort()).toEqual(['a', 'b', 'c']);
    calls[2].answer({ a: 2, b: 7 });
    await expect(Promise.all(waiting)).resolves.toEqual([2, 7, 2, -1]);
    calls[1].answer({ z: 1 });
    await expect(running[1]).resolves.toBe(1);
    expect(calls).toHaveLength(3);
  });

  it('rejects the reads of a failed query and goes on with the next', async () => {
    let fail = true;
    const reads = new StreamVersionReads(async (ids) => {
      if (fail) throw new Error('connection lost');
      return new Map(ids.map((id) => [id, 5]));
    }, -1);
    await expect(reads.read('a')).rejects.toThrow('connection lost');
    fail = false;
    await expect(reads.read('a')).resolves.toBe(5);
  });
});
