import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { WebhookDispatcher } from '@app/webhooks';

/**
 * Sends due webhook deliveries every WEBHOOK_POLL_MS, and again at once while there were some
 * (a backlog drains without waiting). Shutdown waits for the sends in progress.
 */
@Injectable()
export class WebhookDeliveryLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly dispatcher: WebhookDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.turn().finally(() => (this.running = undefined));
    }, delayMs);
    this.timer.unref();
  }

  private async turn(): Promise<void> {
    let busy = false;
    try {
      const { delivered, failed } = await this.dispatcher.dispatchDue();
      busy = delivered + failed > 0;
      if (this.failing) this.logger.log('webhook deliveries resumed');
      this.failing = false;
    } catch (error) {
      if (!this.failing) {
        this.logger.warn(`webhook deliveries paused: ${(error as Error).message}`);
      }
      this.failing = true;
    }
    this.schedule(busy ? 0 : this.config.webhooks.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
