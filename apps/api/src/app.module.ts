import { PaymentWebhookController } from './payments/payment-webhook.controller';
import { IdempotencyKeyPurge } from './http/idempotency-key-purge';
import { ProcessLiveness } from './http/process-liveness';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '@app/auth';
import { BookingDomainModule } from '@app/booking-domain';
import { PrivacyModule } from '@app/privacy';
import { ClockModule } from '@app/clock';
import { AppConfig, ConfigModule } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { JobsModule } from '@app/jobs';
import { RedisModule } from '@app/redis';
import { SeatingModule } from '@app/seating';
import { TICKET_EMAIL_QUEUE, TicketingModule } from '@app/ticketing';
import { WebhooksModule } from '@app/webhooks';
import { WORKER_QUEUES, WorkerModule } from '@app/worker';
import { AdminCatalogController } from './catalog/admin-catalog.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { TripsController } from './catalog/trips.controller';
import { AuthGuard } from './http/auth';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { createValidationPipe } from './http/validation';
import { GuestSessionsController } from './identity/guest-sessions.controller';
import { DevSignInController, demoSignInEnabled } from './identity/dev-sign-in.controller';
import { BookingPolicyController } from './catalog/booking-policy.controller';
import { Metrics } from './ops/metrics';
import { BusinessMetrics } from './ops/business-metrics';
import { QueueMetrics } from './ops/queue-metrics';
import { OpsController } from './ops/ops.controller';
import { QueueBoardSessionController } from './ops/queue-board/queue-board-session.controller';
import { SeatLocksController } from './seating/seat-locks.controller';
import { WaitlistController } from './seating/waitlist.controller';
import { ManifestController } from './bookings/manifest.controller';
import { SeatFeedGateway } from './seating/seat-feed.gateway';
import { BookingsController } from './bookings/bookings.controller';
import { UserBookingsController } from './bookings/user-bookings.controller';
import { GuestBookingsController } from './bookings/guest-bookings.controller';
import {
  BookingTicketController,
  EmailTicketController,
  TicketsController,
} from './tickets/tickets.controller';

export interface AppOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Also run the worker's subscriptions and jobs in this process (`npm start`). */
  withWorker: boolean;
}

/** Every BullMQ queue of the service. */
export const SERVICE_QUEUES = [TICKET_EMAIL_QUEUE, ...WORKER_QUEUES];

/** Modules both the API and the worker process need. */
export function coreModules(options: AppOptions) {
  const { config } = options;
  return [
    ConfigModule.forRoot(config),
    ClockModule,
    CqrsModule.forRoot(),
    EventStoreModule.forRoot({
      connectionString: options.databaseUrl,
      poolSize: config.database.poolSize,
    }),
    RedisModule.forRoot(config.redis.url),
    // The API queues ticket e-mails, the worker its own timers too, and processes them all;
    // every queue is registered in both, so the API's queue dashboard and /metrics see them all.
    JobsModule.forRoot(config, SERVICE_QUEUES),
    AuthModule,
    PrivacyModule,
    SeatingModule,
    BookingDomainModule,
    TicketingModule,
    WebhooksModule,
  ];
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [...coreModules(options), ...(options.withWorker ? [WorkerModule] : [])],
      controllers: [
        OpsController,
        QueueBoardSessionController,
        PaymentWebhookController,
        GuestSessionsController,
        TripsController,
        SeatLocksController,
        WaitlistController,
        ManifestController,
        AdminCatalogController,
        WebhooksController,
        GuestBookingsController,
        BookingsController,
        UserBookingsController,
        BookingTicketController,
        EmailTicketController,
        TicketsController,
        // Web client: the booking terms it shows, and (never in production) a demo sign-in.
        BookingPolicyController,
        ...(demoSignInEnabled(options.config) ? [DevSignInController] : []),
      ],
      providers: [
        Metrics,
        BusinessMetrics,
        QueueMetrics,
        SeatFeedGateway,
        ProcessLiveness,
        IdempotencyKeyPurge,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
