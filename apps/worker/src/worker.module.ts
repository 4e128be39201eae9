import {
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { EventSubscription } from '@app/event-store';

/**
 * Durable subscriptions the worker runs (sagas, async projections, job enqueuers). Feature
 * modules add theirs to this list; each is started at boot and stopped, checkpoint stored, at
 * shutdown.
 */
export const WORKER_SUBSCRIPTIONS = Symbol('WORKER_SUBSCRIPTIONS');

@Injectable()
export class SubscriptionHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');

  constructor(@Inject(WORKER_SUBSCRIPTIONS) private readonly subscriptions: EventSubscription[]) {}

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.start()));
    this.logger.log(
      `worker started with ${this.subscriptions.length} subscription(s)${
        this.subscriptions.length ? `: ${this.subscriptions.map((s) => s.id).join(', ')}` : ''
      }`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.stop()));
    this.logger.log('worker stopped; checkpoints stored');
  }
}

@Module({
  providers: [{ provide: WORKER_SUBSCRIPTIONS, useValue: [] }, SubscriptionHost],
})
export class WorkerModule {}
