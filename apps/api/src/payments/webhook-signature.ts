import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a webhook's timestamp may be from now: older deliveries are replays. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export interface SignedDelivery {
  id: string | undefined;
  timestamp: string | undefined;
  /** `v1,<base64>` signatures, space-separated (several while a secret rotates). */
  signatures: string | undefined;
  body: string;
}

/** The Standard Webhooks signature of a delivery: HMAC-SHA256 of `id.timestamp.body`, base64. */
export function webhookSignature(secret: string, id: string, timestamp: string, body: string) {
  return createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
}

/** Whether `delivery` is signed with `secret` and recent (Standard Webhooks' verification). */
export function isSignedDelivery(secret: string, delivery: SignedDelivery, now: Date): boolean {
  const { id, timestamp, signatures, body } = delivery;
  if (!id || !timestamp || !signatures || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(webhookSignature(secret, id, timestamp, body));
  return signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
