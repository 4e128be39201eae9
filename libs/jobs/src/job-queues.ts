import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { JOB_QUEUES } from './bullmq-job-scheduler';
import { JobsRedis } from './jobs-redis';

/**
 * The BullMQ queues of this process, for operators to look into (dashboard, metrics): none
 * without REDIS_URL. Whether Redis answers now is `ready`; reading a queue while it does not
 * fails at once (no offline queue), never waits.
 */
@Injectable()
export class JobQueues {
  private queues?: Queue[];

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly redis: JobsRedis,
    @Optional() @Inject(JOB_QUEUES) private readonly names: string[] = [],
  ) {}

  get configured(): boolean {
    return this.redis.client !== undefined;
  }

  get ready(): boolean {
    return this.redis.ready;
  }

  list(): readonly Queue[] {
    this.queues ??= this.names.map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    return this.queues;
  }
}
