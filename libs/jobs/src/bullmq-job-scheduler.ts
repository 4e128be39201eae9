import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { InProcessJobScheduler } from './in-process-job-scheduler';
import {
  assertJobId,
  DEFAULT_BACKOFF_MS,
  delayOf,
  JobScheduler,
  ScheduleOptions,
} from './job-scheduler';
import { JobsRedis } from './jobs-redis';
import { withTraceContext } from './job-trace';

/** The names of the queues registered with BullModule (JobsModule.forRoot). */
export const JOB_QUEUES = Symbol('JOB_QUEUES');

/**
 * The BullMQ adapter: a job is added to its queue (registered with `BullModule.registerQueue`)
 * with its id as BullMQ's `jobId`, so adding it twice is one job; the worker's processors run
 * it. While Redis is unreachable, jobs go to the in-process fallback instead: the degradation is
 * logged once, and jobs reach Redis again by themselves once it answers.
 */
@Injectable()
export class BullMqJobScheduler implements JobScheduler, OnModuleInit {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(JOB_QUEUES) private readonly names: string[],
    private readonly fallback: InProcessJobScheduler,
    private readonly redis: JobsRedis,
  ) {}

  onModuleInit(): void {
    for (const name of this.names) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (error) => this.redis.failed(error));
      this.queues.set(name, queue);
    }
  }

  async schedule<T extends object>(
    queue: string,
    jobId: string,
    data: T,
    options: ScheduleOptions = {},
  ): Promise<void> {
    assertJobId(jobId);
    const delay = delayOf(options);
    const bull = this.queue(queue);
    try {
      if (!(await this.redis.reachable())) throw new Error('no connection');
      await bull.add(queue, withTraceContext(data), {
        jobId,
        delay,
        attempts: options.attempts ?? 1,
        backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
      });
      this.redis.succeeded();
    } catch (error) {
      this.redis.failed(error as Error);
      await this.fallback.schedule(queue, jobId, data, options);
      return;
    }
    // Scheduled in process while Redis was away, and now in Redis: one is enough.
    await this.fallback.cancel(queue, jobId);
  }

  async cancel(queue: string, jobId: string): Promise<void> {
    await this.fallback.cancel(queue, jobId);
    const bull = this.queue(queue);
    if (!this.redis.ready) return;
    // A job running or gone cannot be removed; its command then finds nothing to do.
    await bull.remove(jobId).catch((error: Error) => this.redis.failed(error));
  }

  private queue(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`The ${name} queue is not registered (JobsModule.forRoot)`);
    return queue;
  }
}
