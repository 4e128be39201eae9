export { JobsModule } from './jobs.module';
export { type JobScheduler, type JobAttempt, JOB_SCHEDULER } from './job-scheduler';
export { JobHandler, type IJobHandler } from './job-handler';
export { JobProcessor } from './job-processor';
export { UnrecoverableError } from 'bullmq';
export { PeriodicSweep } from './periodic-sweep';
export { JobQueues } from './job-queues';
