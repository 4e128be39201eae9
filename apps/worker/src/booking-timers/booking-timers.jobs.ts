import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CompleteBookingCommand, ExpireBookingCommand } from '@app/booking-domain';
import { JOB_SCHEDULER, JobHandler, JobScheduler } from '@app/jobs';
import { DueJobs } from '../jobs/due-jobs';

export const BOOKING_EXPIRY_QUEUE = 'booking-expiry';
export const BOOKING_COMPLETION_QUEUE = 'booking-completion';

interface BookingJob {
  bookingId: string;
}

/** A pending booking expires when its payment window closes. */
@JobHandler(BOOKING_EXPIRY_QUEUE)
export class BookingExpiryJobs extends DueJobs<BookingJob> {
  constructor(
    @Inject(JOB_SCHEDULER) jobs: JobScheduler,
    private readonly commands: CommandBus,
  ) {
    super(BOOKING_EXPIRY_QUEUE, jobs);
  }

  async run({ bookingId }: BookingJob): Promise<void> {
    await this.commands.execute(new ExpireBookingCommand(bookingId));
  }
}

/** A confirmed booking completes when its trip arrives. */
@JobHandler(BOOKING_COMPLETION_QUEUE)
export class BookingCompletionJobs extends DueJobs<BookingJob> {
  constructor(
    @Inject(JOB_SCHEDULER) jobs: JobScheduler,
    private readonly commands: CommandBus,
  ) {
    super(BOOKING_COMPLETION_QUEUE, jobs);
  }

  async run({ bookingId }: BookingJob): Promise<void> {
    await this.commands.execute(new CompleteBookingCommand(bookingId));
  }
}
