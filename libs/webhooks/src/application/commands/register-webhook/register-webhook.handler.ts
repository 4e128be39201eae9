import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { randomUUID } from 'node:crypto';
import { callerRef, requireAdmin } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PiiCipher } from '@app/privacy';
import { isPrivateAddress, UrlRule, webhookUrlProblems } from '../../../domain/destination';
import { newWebhookSecret } from '../../../domain/webhook-signature';
import { WebhookErrors } from '../../../domain/webhooks.errors';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { endpointView, RegisteredWebhookView } from '../../webhook.views';
import { RegisterWebhookCommand } from './register-webhook.command';

/** Where a host name points now, as a rule broken (deliveries check every connection again). */
async function resolutionProblems(host: string, allowPrivate: boolean): Promise<UrlRule[]> {
  if (isIP(host) || allowPrivate) return [];
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.some((a) => isPrivateAddress(a.address))
      ? [{ rule: 'public_address', message: 'must not resolve to a private or loopback address' }]
      : [];
  } catch {
    return [{ rule: 'resolvable', message: 'must name a host that resolves' }];
  }
}

@CommandHandler(RegisterWebhookCommand)
export class RegisterWebhookHandler implements ICommandHandler<
  RegisterWebhookCommand,
  RegisteredWebhookView
> {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly cipher: PiiCipher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ caller, endpoint }: RegisterWebhookCommand): Promise<RegisteredWebhookView> {
    requireAdmin(caller);
    const allowPrivate = this.config.webhooks.allowPrivateUrls;
    const problems = webhookUrlProblems(endpoint.url, {
      requireHttps: this.config.isProduction,
      allowPrivate,
    });
    if (problems.length === 0) {
      const host = new URL(endpoint.url).hostname.replace(/^\[|\]$/g, '');
      problems.push(...(await resolutionProblems(host, allowPrivate)));
    }
    if (problems.length > 0) throw WebhookErrors.invalidUrl(problems);
    const limit = this.config.webhooks.maxEndpoints;
    if ((await this.endpoints.count()) >= limit) throw WebhookErrors.limitReached(limit);
    const secret = newWebhookSecret();
    const ref = callerRef(caller);
    const row = {
      id: randomUUID(),
      url: endpoint.url,
      events: [...new Set(endpoint.events)],
      description: endpoint.description ?? null,
      secretSealed: this.cipher.seal(secret),
      status: 'active' as const,
      disabledReason: null,
      disabledAt: null,
      createdBy: `${ref.kind}:${ref.id}`,
      createdAt: this.clock.now(),
    };
    await this.endpoints.add(row);
    return { ...endpointView(row), secret };
  }
}
