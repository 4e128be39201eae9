import { Inject, Injectable, Logger } from '@nestjs/common';
import { BookingReader } from '@app/booking-domain';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { TicketEmailJobs } from '@app/ticketing';
import { PeriodicSweep } from '@app/jobs';

const BATCH = 500;

/**
 * The durable record of an e-ticket mail owed is the booking's log (confirmed, and neither sent
 * nor given up): every SWEEP_INTERVAL_SECONDS, mails owed longer than
 * TICKET_MAIL_SWEEP_AFTER_SECONDS are queued again, for the confirmations of the last
 * TICKET_MAIL_SWEEP_WINDOW_HOURS. A job still queued or waiting to retry is the same job (one id
 * per confirmation), so this only brings back those lost with Redis or a worker.
 */
@Injectable()
export class TicketMailSweeper extends PeriodicSweep<number> {
  private readonly logger = new Logger('TicketMailSweeper');

  constructor(
    private readonly bookings: BookingReader,
    private readonly emails: TicketEmailJobs,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(config.worker.sweepIntervalSeconds);
  }

  protected async sweepOnce(): Promise<number> {
    let queued = 0;
    try {
      const now = this.clock.now().getTime();
      const { mailSweepAfterSeconds, mailSweepWindowHours } = this.config.tickets;
      const due = await this.bookings.ticketMailsDue(
        new Date(now - mailSweepWindowHours * 3600_000),
        new Date(now - mailSweepAfterSeconds * 1000),
        BATCH,
      );
      for (const { bookingId } of due) {
        await this.emails.enqueueConfirmationMail(bookingId);
        queued++;
      }
      if (queued > 0) this.logger.log(`queued ${queued} owed e-ticket mail(s) again`);
    } catch (error) {
      this.logger.warn(`sweep failed, will try again: ${(error as Error).message}`);
    }
    return queued;
  }
}
