import { DomainError, ruleViolation } from '@app/errors';
import type { UrlRule } from './destination';

export const WebhookErrors = {
  notFound: (webhookId: string) =>
    new DomainError('webhook.not_found', `No webhook endpoint ${webhookId}.`),
  deliveryNotFound: (deliveryId: string) =>
    new DomainError('webhook.delivery_not_found', `No delivery ${deliveryId} of this endpoint.`),
  invalidUrl: (problems: UrlRule[]) =>
    ruleViolation(
      'webhook.invalid_url',
      `The webhook URL ${problems.map((p) => p.message).join('; ')}.`,
      problems.map(({ rule, message }) => ({ field: 'url', rule, message })),
    ),
  limitReached: (limit: number) =>
    new DomainError(
      'webhook.limit_reached',
      `At most ${limit} webhook endpoints may be registered (WEBHOOK_MAX_ENDPOINTS); delete one first.`,
    ),
};
