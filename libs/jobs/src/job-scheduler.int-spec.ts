import { Logger } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { Test, TestingModule } from '@nestjs/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AppConfig, ConfigModule, loadConfig, queuePrefix } from '@app/config';
import { DomainError } from '@app/errors';
import { DisposableRedis } from '../../../test/utils/redis-server';
import { describeWithRedis, describeWithRedisServer } from '../../../test/utils/requirements';
import { IJobHandler, JobHandler } from './job-handler';
import { JobProcessor } from './job-processor';
import { JOB_SCHEDULER, JobAttempt, JobScheduler } from './job-scheduler';
import { JobsModule } from './jobs.module';
import { UnrecoverableError } from './index';

const QUEUE = 'test-jobs';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Run {
  n: number;
  attempt: number;
  at: number;
}

/** Records each attempt, then does what the test says. */
@JobHandler(QUEUE)
class TestJobs implements IJobHandler<{ n: number }> {
  runs: Run[] = [];
  behaviour: (data: { n: number }, attempt: JobAttempt) => Promise<void> = async () => undefined;

  async run(data: { n: number }, attempt: JobAttempt): Promise<void> {
    this.runs.push({ n: data.n, attempt: attempt.attempt, at: Date.now() });
    await this.behaviour(data, attempt);
  }

  of(n: number): Run[] {
    return this.runs.filter((run) => run.n === n);
  }
}

@Processor(QUEUE, { concurrency: 4, autorun: false })
class TestProcessor extends JobProcessor {}

interface Harness {
  app: TestingModule;
  jobs: JobScheduler;
  handler: TestJobs;
  config: AppConfig;
}

/** A Nest application with JobsModule, a handler and (with Redis) a processor for QUEUE. */
async function start(redisUrl: string): Promise<Harness> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    REDIS_URL: redisUrl,
    WORKER_GROUP: `jobs-${randomUUID().slice(0, 8)}`,
  });
  const app = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), JobsModule.forRoot(config, [QUEUE])],
    providers: [TestJobs, TestProcessor],
  }).compile();
  app.useLogger(false);
  await app.init();
  return { app, jobs: app.get(JOB_SCHEDULER), handler: app.get(TestJobs), config };
}

async function until(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** The behaviour both adapters promise, run against each. */
function contract(redisUrl: () => string): void {
  let h: Harness;
  let closed: boolean;
  beforeEach(async () => {
    h = await start(redisUrl());
    closed = false;
  });
  afterEach(async () => {
    if (!closed) await h?.app.close();
  });

  it('runs a job once however often the same id is scheduled', async () => {
    await h.jobs.schedule(QUEUE, 'same', { n: 1 }, { delayMs: 100 });
    await h.jobs.schedule(QUEUE, 'same', { n: 1 }, { delayMs: 100 });
    await until(() => h.handler.of(1).length > 0, 5000, 'the job');
    await h.jobs.schedule(QUEUE, 'same', { n: 1 }); // done, and still the same job
    await sleep(300);
    expect(h.handler.of(1)).toHaveLength(1);
  });

  it('runs a job at its time, not before', async () => {
    const runAt = new Date(Date.now() + 400);
    await h.jobs.schedule(QUEUE, 'timed', { n: 2 }, { runAt });
    await until(() => h.handler.of(2).length > 0, 5000, 'the job');
    expect(h.handler.of(2)[0].at).toBeGreaterThanOrEqual(runAt.getTime());
  });

  it('retries a failed attempt with exponential backoff', async () => {
    h.handler.behaviour = async (_data, { attempt }) => {
      if (attempt < 3) throw new Error(`attempt ${attempt} failed`);
    };
    await h.jobs.schedule(QUEUE, 'flaky', { n: 3 }, { attempts: 5, backoffMs: 150 });
    await until(() => h.handler.of(3).length === 3, 5000, 'three attempts');
    await sleep(500);
    const runs = h.handler.of(3);
    expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]); // the third succeeded
    expect(runs[1].at - runs[0].at).toBeGreaterThanOrEqual(150 - 5);
    expect(runs[2].at - runs[1].at).toBeGreaterThanOrEqual(300 - 5);
  });

  it('gives up after the last attempt', async () => {
    h.handler.behaviour = async () => {
      throw new Error('always');
    };
    await h.jobs.schedule(QUEUE, 'hopeless', { n: 4 }, { attempts: 2, backoffMs: 50 });
    await until(() => h.handler.of(4).length === 2, 5000, 'two attempts');
    await sleep(400);
    expect(h.handler.of(4)).toHaveLength(2);
  });

  it('does not retry an UnrecoverableError, nor a domain refusal; retries a conflict', async () => {
    h.handler.behaviour = async ({ n }) => {
      if (n === 5) throw new UnrecoverableError('retrying cannot help');
      if (n === 6) throw new DomainError('rate_limited', 'refused');
      if (n === 7) throw new DomainError('stream.version_conflict', 'try again');
    };
    for (const n of [5, 6, 7]) {
      await h.jobs.schedule(QUEUE, `refused-${n}`, { n }, { attempts: 3, backoffMs: 50 });
    }
    await until(() => h.handler.of(7).length === 3, 5000, 'the conflict retried');
    await sleep(300);
    expect([5, 6, 7].map((n) => h.handler.of(n).length)).toEqual([1, 1, 3]);
  });

  it('drops a cancelled job', async () => {
    await h.jobs.schedule(QUEUE, 'cancelled', { n: 8 }, { delayMs: 200 });
    await h.jobs.cancel(QUEUE, 'cancelled');
    await h.jobs.schedule(QUEUE, 'kept', { n: 9 }, { delayMs: 200 });
    await until(() => h.handler.of(9).length > 0, 5000, 'the other job');
    await sleep(100);
    expect(h.handler.of(8)).toHaveLength(0);
  });

  it('lets the running job finish at shutdown', async () => {
    let finished = false;
    h.handler.behaviour = async () => {
      await sleep(300);
      finished = true;
    };
    await h.jobs.schedule(QUEUE, 'long', { n: 10 });
    await until(() => h.handler.of(10).length > 0, 5000, 'the job to start');
    closed = true;
    await h.app.close();
    expect(finished).toBe(true);
  });

  it('refuses a job id BullMQ would refuse, whichever adapter runs it', async () => {
    await expect(h.jobs.schedule(QUEUE, 'a:b', { n: 11 })).rejects.toThrow('Invalid job id');
    await expect(h.jobs.schedule(QUEUE, '42', { n: 11 })).rejects.toThrow('Invalid job id');
  });
}

describe('Job scheduler, in-process adapter (no REDIS_URL)', () => {
  contract(() => '');

  it('stops its timers when closed', async () => {
    const h = await start('');
    await h.jobs.schedule(QUEUE, 'pending', { n: 1 }, { delayMs: 200 });
    h.handler.behaviour = async () => {
      throw new Error('fails, to be retried');
    };
    await h.jobs.schedule(QUEUE, 'retrying', { n: 2 }, { attempts: 5, backoffMs: 200 });
    await until(() => h.handler.of(2).length === 1, 5000, 'the first attempt');
    await h.app.close();
    await h.jobs.schedule(QUEUE, 'after', { n: 3 }); // closed: ignored
    await sleep(600);
    expect(h.handler.runs.map((r) => r.n)).toEqual([2]);
  });

  it('waits for the wall clock when its timer fires before the job is due', async () => {
    const h = await start('');
    const realNow = Date.now();
    let now = realNow;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      await h.jobs.schedule(QUEUE, 'due', { n: 1 }, { runAt: new Date(realNow + 50) });
      now = realNow + 49; // when the timer fires, the wall clock is a millisecond short
      await sleep(200);
      expect(h.handler.of(1)).toHaveLength(0);
      now = realNow + 50;
      await sleep(200);
      expect(h.handler.of(1).map((run) => run.at)).toEqual([realNow + 50]);
    } finally {
      jest.restoreAllMocks();
      await h.app.close();
    }
  });
});

describeWithRedis('Job scheduler, BullMQ adapter (Redis)', () => {
  contract(() => process.env.REDIS_URL!);

  it('keeps the job in Redis under its id and the worker group’s prefix', async () => {
    const h = await start(process.env.REDIS_URL!);
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      await h.jobs.schedule(QUEUE, 'test-jobs:subject:1', { n: 1 }, { delayMs: 60_000 });
      const key = `${queuePrefix(h.config)}:${QUEUE}:test-jobs:subject:1`;
      expect(await redis.hget(key, 'data')).toBe('{"n":1}');
      await h.jobs.cancel(QUEUE, 'test-jobs:subject:1');
      expect(await redis.exists(key)).toBe(0);
    } finally {
      redis.disconnect();
      await h.app.close();
    }
  });
});

describeWithRedisServer('Job scheduler, BullMQ adapter while Redis is away', () => {
  const redis = new DisposableRedis();
  let h: Harness;
  const warnings: string[] = [];

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    await redis.start();
    h = await start(redis.url);
  });
  afterAll(async () => {
    jest.restoreAllMocks(); // the last test closed the application and killed Redis
  });

  const inRedis = async (jobId: string, of: Harness = h) => {
    const client = new Redis(redis.url, { lazyConnect: true, retryStrategy: () => null });
    try {
      await client.connect();
      return (await client.exists(`${queuePrefix(of.config)}:${QUEUE}:${jobId}`)) === 1;
    } finally {
      client.disconnect();
    }
  };
  const degradations = () => warnings.filter((w) => w.includes('Redis unavailable for jobs'));

  it('runs jobs in process, says so once, and goes back to Redis when it returns', async () => {
    await h.jobs.schedule(QUEUE, 'before', { n: 1 });
    await until(() => h.handler.of(1).length === 1, 5000, 'the job through BullMQ');
    expect(await inRedis('before')).toBe(true);

    await redis.kill();
    for (const n of [2, 3, 4]) await h.jobs.schedule(QUEUE, `during-${n}`, { n }, { delayMs: 50 });
    await until(() => [2, 3, 4].every((n) => h.handler.of(n).length === 1), 5000, 'in process');
    expect(degradations()).toHaveLength(1);

    await redis.start();
    const deadline = Date.now() + 15_000;
    for (let n = 5; ; n++) {
      await h.jobs.schedule(QUEUE, `after-${n}`, { n });
      await until(() => h.handler.of(n).length === 1, 15_000, `job ${n}`);
      if (await inRedis(`after-${n}`)) break; // scheduled in Redis, run by the worker
      if (Date.now() > deadline) throw new Error('jobs did not go back to Redis');
      await sleep(300);
    }
    expect(degradations()).toHaveLength(1);
  }, 30_000);

  it('keeps the event loop free when Redis dies under a busy worker, which resumes after', async () => {
    // A worker fetching its next job (not waiting for one) when Redis went away asked again at
    // once, forever, in a loop of rejected promises that never yielded to the event loop.
    const busy = await start(redis.url);
    busy.handler.behaviour = async () => {
      await sleep(5);
    };
    try {
      for (let n = 200; n < 600; n++) await busy.jobs.schedule(QUEUE, `busy-${n}`, { n });
      await until(() => busy.handler.runs.length >= 20, 10_000, 'the backlog to start');
      await redis.kill();
      for (let i = 0; i < 10; i++) {
        const asked = Date.now();
        await sleep(100);
        // A looping worker never lets the timer run; a busy machine may delay it a little.
        expect(Date.now() - asked).toBeLessThan(3000);
      }
      // Redis came back empty: new jobs go to it, and the worker runs them.
      await redis.start();
      const deadline = Date.now() + 20_000;
      for (let n = 1000; ; n++) {
        await busy.jobs.schedule(QUEUE, `back-${n}`, { n });
        await until(() => busy.handler.of(n).length === 1, 15_000, `job ${n}`);
        if (await inRedis(`back-${n}`, busy)) break;
        if (Date.now() > deadline) throw new Error('the worker did not take jobs again');
        await sleep(300);
      }
    } finally {
      await busy.app.close();
    }
  }, 60_000);

  it('shuts down at once when Redis is away, the worker and queue closed', async () => {
    await redis.kill(); // for good
    await h.jobs.schedule(QUEUE, 'last', { n: 50 }); // in process
    const started = Date.now();
    await h.app.close();
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
