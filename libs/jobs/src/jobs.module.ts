import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { APP_CONFIG, AppConfig, queuePrefix } from '@app/config';
import { BullMqJobScheduler, JOB_QUEUES } from './bullmq-job-scheduler';
import { InProcessJobScheduler } from './in-process-job-scheduler';
import { JobQueues } from './job-queues';
import { JobRunner } from './job-runner';
import { JOB_SCHEDULER } from './job-scheduler';
import { JobsRedis } from './jobs-redis';

/**
 * Jobs for the whole application (global): `JOB_SCHEDULER` is the BullMQ adapter when
 * REDIS_URL is set (BullModule on the REDIS_URL connection with the worker group's key prefix,
 * one registered queue per name in `queues`), else the in-process one. Handlers are found by
 * their `@JobHandler` mark; processors (`JobProcessor`) live in the worker.
 */
@Module({})
export class JobsModule {
  static forRoot(config: Pick<AppConfig, 'redis'>, queues: string[]): DynamicModule {
    const shared = [JobRunner, JobsRedis, InProcessJobScheduler, JobQueues];
    if (!config.redis.url) {
      return {
        global: true,
        module: JobsModule,
        imports: [DiscoveryModule],
        providers: [...shared, { provide: JOB_SCHEDULER, useExisting: InProcessJobScheduler }],
        exports: [JOB_SCHEDULER, JobRunner, JobsRedis, JobQueues],
      };
    }
    return {
      global: true,
      module: JobsModule,
      imports: [
        DiscoveryModule,
        BullModule.forRootAsync({
          inject: [JobsRedis, APP_CONFIG],
          useFactory: (redis: JobsRedis, appConfig: AppConfig) => ({
            connection: redis.client!,
            prefix: queuePrefix(appConfig),
          }),
        }),
        BullModule.registerQueue(
          ...queues.map((name) => ({
            name,
            // Finished jobs are kept a while, so that adding one again is a no-op.
            defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 1000 },
          })),
        ),
      ],
      providers: [
        ...shared,
        { provide: JOB_QUEUES, useValue: queues },
        BullMqJobScheduler,
        { provide: JOB_SCHEDULER, useExisting: BullMqJobScheduler },
      ],
      exports: [JOB_SCHEDULER, JobRunner, JobsRedis, JobQueues],
    };
  }
}
