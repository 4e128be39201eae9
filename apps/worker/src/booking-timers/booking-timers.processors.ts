import { Processor } from '@nestjs/bullmq';
import { JobProcessor } from '@app/jobs';
import { BOOKING_COMPLETION_QUEUE, BOOKING_EXPIRY_QUEUE } from './booking-timers.jobs';

/** Runs booking expiries from BullMQ (what one does: BookingExpiryJobs). */
@Processor(BOOKING_EXPIRY_QUEUE, { concurrency: 8, autorun: false })
export class BookingExpiryProcessor extends JobProcessor {}

/** Runs booking completions from BullMQ (what one does: BookingCompletionJobs). */
@Processor(BOOKING_COMPLETION_QUEUE, { concurrency: 8, autorun: false })
export class BookingCompletionProcessor extends JobProcessor {}
