import { GuestContact } from '@app/booking-domain';
import { RequestValidationError } from '../http/problem-details';
import { CodeSentResponse } from './bookings.dto';

/** The one contact detail given, or a 400 naming the rule. */
export function contactOf(query: { email?: string; phone?: string }): GuestContact {
  if ((query.email === undefined) === (query.phone === undefined)) {
    throw new RequestValidationError([
      { field: 'email', rule: 'oneOf', message: 'give either email or phone (one of them)' },
    ]);
  }
  return query.email !== undefined ? { email: query.email } : { phone: query.phone! };
}

export const codeSent = (expiresInSeconds: number): CodeSentResponse => ({
  status: 'code_sent',
  expiresInSeconds,
  message:
    'If the reference and contact match a booking, a 6-digit code has been e-mailed to its ' +
    'contact. Send the same request again with that code.',
});
