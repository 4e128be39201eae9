import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { Clock, CLOCK } from '@app/clock';
import { JobQueues } from '@app/jobs';
import { withDeadline } from '@app/redis';
import { Metrics } from './metrics';

/** The job states shown, as BullMQ counts them. */
export const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;
type QueueState = (typeof QUEUE_STATES)[number];

/** A scrape never waits longer than this for Redis; the queue figures are left out then. */
const READ_TIMEOUT_MS = 1000;

export interface QueueReading {
  queue: string;
  counts: Record<QueueState, number>;
  /** Seconds the oldest waiting job has waited since it was due (0 when none waits). */
  oldestWaitingSeconds: number;
}

/** When a waiting job became due: when it was added, plus its delay if it had one. */
export const dueAt = (job: { timestamp: number; delay?: number }): number =>
  job.timestamp + (job.delay ?? 0);

/** One queue's figures: one counting call and one read of the wait list's tail (its oldest). */
export async function readQueue(queue: Queue, now: number): Promise<QueueReading> {
  const [counts, [oldest]] = await Promise.all([
    queue.getJobCounts(...QUEUE_STATES),
    queue.getJobs(['wait'], 0, 0, true),
  ]);
  return {
    queue: queue.name,
    counts: Object.fromEntries(
      QUEUE_STATES.map((s) => [s, counts[s] ?? 0]),
    ) as QueueReading['counts'],
    oldestWaitingSeconds: oldest ? Math.max(0, (now - dueAt(oldest)) / 1000) : 0,
  };
}

/**
 * The BullMQ queues on /metrics, read when scraped: a few cheap Redis calls per queue, bounded
 * in time. Without Redis (not configured, or down) the series are left out, so a scrape never
 * fails for them and never shows made-up zeros; a failing read is logged once until it recovers.
 */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  private readonly logger = new Logger('QueueMetrics');
  private failing = false;
  private reading?: Promise<QueueReading[]>;

  constructor(
    private readonly metrics: Metrics,
    private readonly queues: JobQueues,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    // The two gauges are collected together: one read of the queues per scrape.
    const read = () =>
      (this.reading ??= this.readAll().finally(() => {
        this.reading = undefined;
      }));
    new Gauge({
      name: 'job_queue_jobs',
      help: 'Jobs in each BullMQ queue by state (waiting, delayed, active, failed); absent without Redis',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        const readings = await read();
        this.reset();
        for (const { queue, counts } of readings) {
          for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state]);
        }
      },
    });
    new Gauge({
      name: 'job_queue_oldest_waiting_seconds',
      help: 'How long the oldest waiting job of each BullMQ queue has waited since it was due (0: none waits)',
      labelNames: ['queue'],
      registers,
      async collect() {
        const readings = await read();
        this.reset();
        for (const { queue, oldestWaitingSeconds } of readings) {
          this.set({ queue }, oldestWaitingSeconds);
        }
      },
    });
  }

  private async readAll(): Promise<QueueReading[]> {
    const queues = this.queues.list();
    if (queues.length === 0) return [];
    if (!this.queues.ready) return this.failed(new Error('Redis is not connected'));
    try {
      const now = this.clock.now().getTime();
      const readings = await withDeadline(
        Promise.all(queues.map((queue) => readQueue(queue, now))),
        READ_TIMEOUT_MS,
        `no answer within ${READ_TIMEOUT_MS} ms`,
      );
      if (this.failing) this.logger.log('job queue metrics are back');
      this.failing = false;
      return readings;
    } catch (error) {
      return this.failed(error as Error);
    }
  }

  private failed(error: Error): QueueReading[] {
    if (!this.failing) {
      this.logger.warn(`job queue metrics left out of /metrics: ${error.message}`);
    }
    this.failing = true;
    return [];
  }
}
