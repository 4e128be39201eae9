import type { AuditEntry, Money } from '../../api/types';
import type { I18n } from '../../i18n/i18n';
import type { Formatters } from '../../lib/format';

type Translate = I18n['t'];
const METHODS = ['card', 'e_wallet', 'bank_transfer', 'cash'] as const;

const isMoney = (value: unknown): value is Money =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Money).amount === 'number' &&
  typeof (value as Money).currency === 'string';
const isText = (value: unknown): value is string => typeof value === 'string';
const seats = (value: unknown): string =>
  Array.isArray(value) && value.every(isText) ? value.join(', ') : '';

/**
 * One line of the booking's history in the reader's language, with money and times formatted,
 * from the entry's details; the server's English summary where the details are not known.
 */
export function auditLine(entry: AuditEntry, t: Translate, format: Formatters): string {
  const d = entry.details as Record<string, unknown>;
  switch (entry.type) {
    case 'BookingCreated':
      if (isMoney(d.total) && isText(d.expiresAt))
        return t('audit.line.created', {
          seats: seats(d.seatNumbers),
          total: format.money(d.total),
          until: format.dateTime(d.expiresAt),
        });
      break;
    case 'BookingRescheduled':
      if (isText(d.departureAt) && isText(d.previousDepartureAt))
        return t('audit.line.rescheduled', {
          departure: format.dateTime(d.departureAt),
          previous: format.dateTime(d.previousDepartureAt),
        });
      break;
    case 'BookingModified':
      if (isMoney(d.total))
        return t('audit.line.modified', {
          seats: seats(d.seatNumbers),
          total: format.money(d.total),
        });
      break;
    case 'BookingConfirmed':
      if (isMoney(d.amount)) {
        const method = METHODS.find((known) => known === d.paymentMethod);
        return t('audit.line.confirmed', {
          amount: format.money(d.amount),
          method: method ? t(`payment.methods.${method}`) : String(d.paymentMethod),
        });
      }
      break;
    case 'BookingCancelled': {
      const refund = d.refund as { amount?: unknown; percent?: unknown } | undefined;
      if (refund && isMoney(refund.amount) && typeof refund.percent === 'number')
        return t('audit.line.cancelled', {
          refund: format.money(refund.amount),
          percent: refund.percent,
        });
      break;
    }
    case 'PassengerCancelled': {
      const refund = d.refund as { amount?: unknown; percent?: unknown } | undefined;
      if (
        isText(d.seatNumber) &&
        isMoney(d.total) &&
        refund &&
        isMoney(refund.amount) &&
        typeof refund.percent === 'number'
      )
        return t('audit.line.passengerCancelled', {
          seat: d.seatNumber,
          refund: format.money(refund.amount),
          percent: refund.percent,
          total: format.money(d.total),
        });
      break;
    }
    case 'SeatChanged':
      if (isText(d.fromSeat) && isText(d.toSeat) && isMoney(d.total))
        return t('audit.line.seatChanged', {
          from: d.fromSeat,
          to: d.toSeat,
          total: format.money(d.total),
        });
      break;
    case 'TicketEmailed':
      if (Array.isArray(d.recipients) && d.recipients.every(isText))
        return t('audit.line.emailed', { to: d.recipients.join(', ') });
      break;
    case 'GuestAccessGranted':
      if (isText(d.expiresAt))
        return t('audit.line.guestAccess', { until: format.dateTime(d.expiresAt) });
      break;
    case 'PassengerBoarded':
      if (isText(d.seatNumber)) return t('audit.line.boarded', { seat: d.seatNumber });
      break;
    default:
      break;
  }
  return entry.summary;
}
