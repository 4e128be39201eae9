import { applyDecorators, Injectable, SetMetadata } from '@nestjs/common';
import type { JobAttempt } from './job-scheduler';

export const JOB_HANDLER_QUEUE = Symbol('JOB_HANDLER_QUEUE');

/**
 * What a job of one queue does. The same handler runs it whichever adapter scheduled it: the
 * worker's BullMQ processor for the queue, or the in-process fallback. Throw to fail the
 * attempt (it is retried while attempts remain); throw an `UnrecoverableError` for a failure
 * retrying cannot change. Domain refusals (other than conflicts) are never retried.
 */
export interface IJobHandler<T extends object = object> {
  run(data: T, attempt: JobAttempt): Promise<void>;
}

/** Marks a provider as the handler of `queue`'s jobs (one per queue). */
export const JobHandler = (queue: string): ClassDecorator =>
  applyDecorators(Injectable(), SetMetadata(JOB_HANDLER_QUEUE, queue));
