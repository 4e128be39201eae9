import { ThreadPool } from './thread-pool';

/** Doubles numbers; 'hang' never answers (a thread stuck in a loop). */
const DOUBLER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (input) => {
  if (input === 'hang') for (;;) {}
  parentPort.postMessage({ output: input * 2 });
});`;

describe('ThreadPool task timeout', () => {
  const pool = () =>
    new ThreadPool<number | 'hang', number>({
      name: 'doubler',
      file: DOUBLER,
      eval: true,
      size: 1,
      taskTimeoutMs: 1000,
    });

  it('ends a task that runs too long, then serves the next on a new thread', async () => {
    const doubler = pool();
    try {
      expect(await doubler.run(1)).toBe(2);
      const [stuck] = doubler.workers;
      const started = Date.now();
      await expect(doubler.run('hang')).rejects.toThrow('doubler: a task ran longer than 1000 ms');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await doubler.run(21)).toBe(42);
      expect(doubler.workers).toHaveLength(1);
      expect(doubler.workers[0]).not.toBe(stuck);
    } finally {
      await doubler.close();
    }
  });

  it('keeps a thread whose tasks finish in time, however long it lives', async () => {
    const doubler = pool();
    try {
      expect(await doubler.run(1)).toBe(2);
      const [thread] = doubler.workers;
      await new Promise((resolve) => setTimeout(resolve, 1100)); // past a first task's deadline
      expect(await doubler.run(2)).toBe(4);
      expect(doubler.workers[0]).toBe(thread);
    } finally {
      await doubler.close();
    }
  });
});
