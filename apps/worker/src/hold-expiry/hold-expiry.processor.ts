import { Processor } from '@nestjs/bullmq';
import { JobProcessor } from '@app/jobs';
import { HOLD_EXPIRY_QUEUE } from './hold-expiry.jobs';

/** Runs hold expiries from BullMQ (what one does: HoldExpiryJobs). */
@Processor(HOLD_EXPIRY_QUEUE, { concurrency: 8, autorun: false })
export class HoldExpiryProcessor extends JobProcessor {}
