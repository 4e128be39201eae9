import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PiiCipher } from '@app/privacy';
import { nextAttemptAt } from '../domain/retry-schedule';
import { signWebhook } from '../domain/webhook-signature';
import { ClaimedDelivery, WebhookDeliveryStore } from '../infrastructure/webhook-delivery.store';
import { WebhookEndpointRepository } from '../infrastructure/webhook-endpoint.repository';
import { sendWebhook, SendOutcome } from '../infrastructure/webhook-sender';

/** Deliveries sent at once by one dispatcher (each a different booking's or trip's line). */
const BATCH = 16;

export interface DispatchResult {
  delivered: number;
  failed: number;
}

/**
 * Sends what is due: for each endpoint, the oldest pending message of each booking or trip (so
 * one line is never overtaken), signed the Standard Webhooks way. A failure is tried again with
 * exponential backoff within the retry window; past it the delivery fails and its endpoint is
 * disabled until an admin enables it again. At least once: a dispatcher that dies mid-send
 * leaves its lease to run out, and the message is sent again with the same webhook-id.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly deliveries: WebhookDeliveryStore,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly cipher: PiiCipher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async dispatchDue(): Promise<DispatchResult> {
    const { timeoutMs } = this.config.webhooks;
    // Longer than any send may take, so a lease only runs out when its dispatcher is gone.
    const claimed = await this.deliveries.claimDue(this.clock.now(), BATCH, timeoutMs + 5000);
    const outcomes = await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
    return {
      delivered: outcomes.filter((ok) => ok).length,
      failed: outcomes.filter((ok) => !ok).length,
    };
  }

  private async deliver(delivery: ClaimedDelivery): Promise<boolean> {
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    let outcome: SendOutcome;
    try {
      const secret = this.cipher.open(delivery.secretSealed);
      outcome = await sendWebhook(
        delivery.url,
        {
          'webhook-id': delivery.messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secret, delivery.messageId, timestamp, body),
        },
        body,
        {
          timeoutMs: this.config.webhooks.timeoutMs,
          allowPrivate: this.config.webhooks.allowPrivateUrls,
          userAgent: `${this.config.brand.name} webhooks`,
        },
      );
    } catch (error) {
      outcome = { ok: false, error: (error as Error).message };
    }
    const now = this.clock.now();
    if (outcome.ok) {
      await this.deliveries.recordSuccess(delivery.id, outcome.statusCode, now);
      return true;
    }
    const retryAt = nextAttemptAt(delivery.attempts + 1, delivery.firstAttemptAt ?? now, now, {
      baseSeconds: this.config.webhooks.retryBaseSeconds,
      windowSeconds: this.config.webhooks.retryWindowSeconds,
    });
    await this.deliveries.recordFailure(delivery.id, outcome, now, retryAt);
    const line = {
      msg: 'webhook delivery failed',
      endpointId: delivery.endpointId,
      deliveryId: delivery.id,
      messageId: delivery.messageId,
      attempt: delivery.attempts + 1,
      statusCode: outcome.statusCode,
      retryAt: retryAt?.toISOString() ?? null,
    };
    this.logger.warn(line);
    if (!retryAt) {
      const reason = `delivery ${delivery.id} failed for ${this.config.webhooks.retryWindowSeconds} s: ${outcome.error}`;
      await this.endpoints.disable(delivery.endpointId, reason.slice(0, 500), now);
      this.logger.warn({ msg: 'webhook endpoint disabled', endpointId: delivery.endpointId });
    }
    return false;
  }
}
