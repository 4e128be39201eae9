import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EventSubscription, EventSubscriptionFactory } from '@app/event-store';
import { BookingDomainModule, BookingReader } from '@app/booking-domain';
import { SeatingModule } from '@app/seating';
import { TicketEmailJobs, TicketingModule, TicketIssuer } from '@app/ticketing';
import { TicketEmailProcessor } from './tickets/ticket-email.processor';
import { ticketsSubscription } from './tickets/tickets.subscription';
import { BookingSweeper } from './booking-timers/booking-sweeper';
import { TicketMailSweeper } from './tickets/ticket-mail-sweeper';
import {
  BOOKING_COMPLETION_QUEUE,
  BOOKING_EXPIRY_QUEUE,
  BookingCompletionJobs,
  BookingExpiryJobs,
} from './booking-timers/booking-timers.jobs';
import {
  BookingCompletionProcessor,
  BookingExpiryProcessor,
} from './booking-timers/booking-timers.processors';
import { bookingTimersSubscription } from './booking-timers/booking-timers.subscription';
import { HOLD_EXPIRY_QUEUE, HoldExpiryJobs } from './hold-expiry/hold-expiry.jobs';
import { HoldExpiryProcessor } from './hold-expiry/hold-expiry.processor';
import { holdExpirySubscription } from './hold-expiry/hold-expiry.subscription';
import { HoldSweeper } from './hold-expiry/hold-sweeper';
import { MailModule } from '@app/mail';
import { WebhookOutbox, WebhooksModule } from '@app/webhooks';
import { WaitlistOfferMailer } from './waitlist/waitlist-offer-mailer';
import { waitlistOffersSubscription } from './waitlist/waitlist-offers.subscription';
import { CommandBus } from '@nestjs/cqrs';
import { TripCancellationMailer } from './trip-cancellation/trip-cancellation-mailer';
import { tripCancellationMailsSubscription } from './trip-cancellation/trip-cancellation-mails.subscription';
import { tripCancellationSubscription } from './trip-cancellation/trip-cancellation.subscription';
import { TripDelayMailer } from './trip-delay/trip-delay-mailer';
import { WebhookDeliveryLoop } from './webhooks/webhook-delivery-loop';
import { webhookOutboxSubscription } from './webhooks/webhook-outbox.subscription';
import {
  tripDelayMailsSubscription,
  tripDelaySubscription,
} from './trip-delay/trip-delay.subscription';

/** Durable subscriptions the worker runs (sagas, job enqueuers). Each is started at boot and stopped, checkpoint stored, at shutdown. */
export const WORKER_SUBSCRIPTIONS = Symbol('WORKER_SUBSCRIPTIONS');

/** The job queues of the worker's own jobs (JobsModule registers them; ticket e-mails are ticketing's). */
export const WORKER_QUEUES = [HOLD_EXPIRY_QUEUE, BOOKING_EXPIRY_QUEUE, BOOKING_COMPLETION_QUEUE];

@Injectable()
export class SubscriptionHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');

  constructor(@Inject(WORKER_SUBSCRIPTIONS) private readonly subscriptions: EventSubscription[]) {}

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.start()));
    this.logger.log(`worker started: ${this.subscriptions.map((s) => s.id).join(', ')}`);
  }

  /** Before any provider closes: a batch in flight may still need the job queue. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.stop()));
    this.logger.log('worker stopped; checkpoints stored');
  }
}

@Module({
  imports: [SeatingModule, BookingDomainModule, TicketingModule, MailModule, WebhooksModule],
  providers: [
    HoldExpiryJobs,
    HoldExpiryProcessor,
    HoldSweeper,
    BookingExpiryJobs,
    BookingExpiryProcessor,
    BookingCompletionJobs,
    BookingCompletionProcessor,
    BookingSweeper,
    TicketMailSweeper,
    TicketEmailProcessor,
    WaitlistOfferMailer,
    TripCancellationMailer,
    TripDelayMailer,
    WebhookDeliveryLoop,
    {
      provide: WORKER_SUBSCRIPTIONS,
      inject: [
        EventSubscriptionFactory,
        HoldExpiryJobs,
        BookingExpiryJobs,
        BookingCompletionJobs,
        BookingReader,
        TicketEmailJobs,
        TicketIssuer,
        WaitlistOfferMailer,
        TripCancellationMailer,
        TripDelayMailer,
        WebhookOutbox,
        CommandBus,
        APP_CONFIG,
      ],
      useFactory: (
        factory: EventSubscriptionFactory,
        holdExpiries: HoldExpiryJobs,
        bookingExpiries: BookingExpiryJobs,
        bookingCompletions: BookingCompletionJobs,
        bookings: BookingReader,
        emails: TicketEmailJobs,
        issuer: TicketIssuer,
        offerMailer: WaitlistOfferMailer,
        cancellationMailer: TripCancellationMailer,
        delayMailer: TripDelayMailer,
        webhookOutbox: WebhookOutbox,
        commands: CommandBus,
        config: AppConfig,
      ) => [
        holdExpirySubscription(factory, holdExpiries, config),
        bookingTimersSubscription(factory, bookingExpiries, bookingCompletions, bookings, config),
        ticketsSubscription(factory, emails, issuer, config),
        waitlistOffersSubscription(factory, offerMailer, config),
        tripCancellationSubscription(factory, bookings, commands, config),
        tripCancellationMailsSubscription(factory, cancellationMailer, config),
        tripDelaySubscription(factory, bookings, commands, config),
        tripDelayMailsSubscription(factory, delayMailer, config),
        webhookOutboxSubscription(factory, webhookOutbox, config),
      ],
    },
    SubscriptionHost,
  ],
  exports: [HoldSweeper, BookingSweeper],
})
export class WorkerModule {}
