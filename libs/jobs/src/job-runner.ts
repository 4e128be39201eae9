import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { UnrecoverableError } from 'bullmq';
import { isDomainError } from '@app/errors';
import { inSpan, SpanKind } from '@app/tracing';
import { IJobHandler, JOB_HANDLER_QUEUE } from './job-handler';
import type { JobAttempt } from './job-scheduler';
import { takeTraceContext } from './job-trace';

/**
 * Runs one attempt of a job through its queue's handler: what the BullMQ processors and the
 * in-process fallback both call. Domain refusals (other than conflicts, which a new attempt may
 * resolve) become `UnrecoverableError`s, so neither retries them; a last failure is logged.
 */
@Injectable()
export class JobRunner implements OnModuleInit {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, IJobHandler>();

  constructor(private readonly discovery: DiscoveryService) {}

  /** Every provider is instantiated by now; handlers are found by their `@JobHandler` mark. */
  onModuleInit(): void {
    for (const { metatype, instance } of this.discovery.getProviders()) {
      const queue: unknown =
        metatype && instance ? Reflect.getMetadata(JOB_HANDLER_QUEUE, metatype) : undefined;
      if (typeof queue !== 'string') continue;
      const known = this.handlers.get(queue);
      if (known && known !== instance) throw new Error(`Two handlers for the ${queue} queue`);
      this.handlers.set(queue, instance as IJobHandler);
    }
  }

  handles(queue: string): boolean {
    return this.handlers.has(queue);
  }

  /** Each attempt is a span continuing the trace the job was scheduled in (a new one if none). */
  run(queue: string, data: object, attempt: JobAttempt): Promise<void> {
    const { payload, trace } = takeTraceContext(data);
    return inSpan(
      `job ${queue}`,
      {
        parent: trace,
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.destination.name': queue,
          'messaging.message.id': attempt.jobId,
          'job.attempt': attempt.attempt,
          'job.attempts': attempt.attempts,
        },
      },
      () => this.runAttempt(queue, payload, attempt),
    );
  }

  private async runAttempt(queue: string, data: object, attempt: JobAttempt): Promise<void> {
    const handler = this.handlers.get(queue);
    if (!handler) throw new UnrecoverableError(`No handler for the ${queue} queue`);
    try {
      await handler.run(data, attempt);
    } catch (error) {
      const failure =
        isDomainError(error) && error.kind !== 'conflict'
          ? new UnrecoverableError(error.message)
          : (error as Error);
      if (failure instanceof UnrecoverableError || attempt.attempt >= attempt.attempts) {
        this.logger.warn(
          `${queue} job ${attempt.jobId} failed for good (attempt ${attempt.attempt} of ` +
            `${attempt.attempts}): ${failure.message}`,
        );
      }
      throw failure;
    }
  }
}
