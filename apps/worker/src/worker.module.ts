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
import { BookingDomainModule, BookingRepository } from '@app/booking-domain';
import { SeatingModule } from '@app/seating';
import { TicketEmailQueue, TicketingModule, TicketIssuer } from '@app/ticketing';
import { TicketEmailProcessor } from './tickets/ticket-email.processor';
import { ticketsSubscription } from './tickets/tickets.subscription';
import { BookingSweeper } from './booking-timers/booking-sweeper';
import { BookingTimers } from './booking-timers/booking-timers';
import { bookingTimersSubscription } from './booking-timers/booking-timers.subscription';
import { ExpiryScheduler } from './hold-expiry/expiry-scheduler';
import { holdExpirySubscription } from './hold-expiry/hold-expiry.subscription';
import { HoldSweeper } from './hold-expiry/hold-sweeper';

/** Durable subscriptions the worker runs (sagas, job enqueuers). Each is started at boot and stopped, checkpoint stored, at shutdown. */
export const WORKER_SUBSCRIPTIONS = Symbol('WORKER_SUBSCRIPTIONS');

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
  imports: [SeatingModule, BookingDomainModule, TicketingModule],
  providers: [
    ExpiryScheduler,
    HoldSweeper,
    BookingTimers,
    BookingSweeper,
    TicketEmailProcessor,
    {
      provide: WORKER_SUBSCRIPTIONS,
      inject: [
        EventSubscriptionFactory,
        ExpiryScheduler,
        BookingTimers,
        BookingRepository,
        TicketEmailQueue,
        TicketIssuer,
        APP_CONFIG,
      ],
      useFactory: (
        factory: EventSubscriptionFactory,
        scheduler: ExpiryScheduler,
        timers: BookingTimers,
        bookings: BookingRepository,
        emails: TicketEmailQueue,
        issuer: TicketIssuer,
        config: AppConfig,
      ) => [
        holdExpirySubscription(factory, scheduler, config),
        bookingTimersSubscription(factory, timers, bookings, config),
        ticketsSubscription(factory, emails, issuer, config),
      ],
    },
    SubscriptionHost,
  ],
  exports: [HoldSweeper, BookingSweeper],
})
export class WorkerModule {}
