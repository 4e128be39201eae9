import type { Booking } from '../../domain/booking.state';
import type { Money } from '../../domain/pricing';

/** What a client needs to pay a pending booking with the configured provider. */
export interface PaymentStart {
  provider: 'demo' | 'webhook';
  bookingId: string;
  reference: string;
  amount: Money;
  /** Pay before this, or the booking expires. */
  expiresAt: string;
  /**
   * demo: the traveller declares the payment with POST /bookings/{id}/confirm.
   * provider: the traveller pays at `checkoutUrl`; the provider confirms by its signed webhook.
   */
  next: 'confirm' | 'provider';
  checkoutUrl?: string;
}

/** How a client pays a dearer seat's difference (`POST /bookings/{id}/seat-changes`). */
export interface SeatChangePaymentStart {
  provider: PaymentStart['provider'];
  /**
   * demo: the traveller declares it with POST …/seat-changes/{changeId}/confirm.
   * provider: the traveller pays at `checkoutUrl`; the provider's signed webhook (with
   * `seatChangeId`) moves the passenger.
   */
  next: PaymentStart['next'];
  checkoutUrl?: string;
}

/** A dearer seat's difference due: the change, what is due and until when. */
export interface SeatChangeDue {
  changeId: string;
  amountDue: Money;
}

/** The payment port: how a booking is paid, whatever takes the money. */
export interface PaymentGateway {
  start(booking: Booking): PaymentStart;
  startSeatChange(booking: Booking, change: SeatChangeDue): SeatChangePaymentStart;
}

const startOf = (booking: Booking) => ({
  bookingId: booking.bookingId,
  reference: booking.reference,
  amount: booking.price.total,
  expiresAt: booking.expiresAt,
});

/**
 * The demo adapter (PAYMENT_PROVIDER=demo, never the default in production): no money moves;
 * the traveller's confirm is taken as the payment. Clients label it as a demo.
 */
export class DemoPaymentGateway implements PaymentGateway {
  start(booking: Booking): PaymentStart {
    return { provider: 'demo', ...startOf(booking), next: 'confirm' };
  }

  startSeatChange(): SeatChangePaymentStart {
    return { provider: 'demo', next: 'confirm' };
  }
}

/**
 * A real provider (PAYMENT_PROVIDER=webhook): the traveller pays on the provider's checkout
 * (PAYMENT_CHECKOUT_URL, filled in for the booking); the provider's signed webhook confirms.
 */
export class WebhookPaymentGateway implements PaymentGateway {
  constructor(private readonly checkoutUrl?: string) {}

  start(booking: Booking): PaymentStart {
    const checkoutUrl = this.fill(booking, booking.price.total, '');
    return {
      provider: 'webhook',
      ...startOf(booking),
      next: 'provider',
      ...(checkoutUrl ? { checkoutUrl } : {}),
    };
  }

  startSeatChange(booking: Booking, change: SeatChangeDue): SeatChangePaymentStart {
    const checkoutUrl = this.fill(booking, change.amountDue, change.changeId);
    return { provider: 'webhook', next: 'provider', ...(checkoutUrl ? { checkoutUrl } : {}) };
  }

  /** PAYMENT_CHECKOUT_URL for one payment; `{seatChangeId}` is empty for a booking's own. */
  private fill(booking: Booking, amount: Money, seatChangeId: string): string | undefined {
    const values: Record<string, string> = {
      bookingId: booking.bookingId,
      reference: booking.reference,
      amount: String(amount.amount),
      currency: amount.currency,
      seatChangeId,
    };
    return this.checkoutUrl?.replace(
      /\{(bookingId|reference|amount|currency|seatChangeId)\}/g,
      (_, key: string) => encodeURIComponent(values[key]),
    );
  }
}

export const PAYMENT_GATEWAY = Symbol('PAYMENT_GATEWAY');
