import { isSignedDelivery, webhookSignature } from './webhook-signature';

describe('payment webhook signatures (Standard Webhooks)', () => {
  const secret = 'a-provider-secret-of-at-least-32-chars!';
  const now = new Date('2026-12-05T12:00:00Z');
  const timestamp = String(now.getTime() / 1000);
  const body = '{"type":"payment.succeeded"}';
  const signed = (over: Partial<Parameters<typeof isSignedDelivery>[1]> = {}) => ({
    id: 'msg_1',
    timestamp,
    signatures: `v1,${webhookSignature(secret, 'msg_1', timestamp, body)}`,
    body,
    ...over,
  });

  it('accepts a delivery signed with the secret, among other signatures', () => {
    expect(isSignedDelivery(secret, signed(), now)).toBe(true);
    const rotating = `v1,bm90IGl0 ${signed().signatures}`;
    expect(isSignedDelivery(secret, signed({ signatures: rotating }), now)).toBe(true);
  });

  it('refuses another body, id or secret, a missing header, and a stale timestamp', () => {
    expect(isSignedDelivery(secret, signed({ body: `${body} ` }), now)).toBe(false);
    expect(isSignedDelivery(secret, signed({ id: 'msg_2' }), now)).toBe(false);
    expect(isSignedDelivery(`${secret}x`, signed(), now)).toBe(false);
    expect(isSignedDelivery(secret, signed({ signatures: undefined }), now)).toBe(false);
    const later = new Date(now.getTime() + 301_000);
    expect(isSignedDelivery(secret, signed(), later)).toBe(false);
  });
});
