import { z } from 'zod';
import type { I18n } from '../../i18n/i18n';
import {
  ID_TYPES,
  isValidEmail,
  isValidIdNumber,
  isValidName,
  normalizePhone,
  PASSENGER_TYPES,
} from './passenger-rules';

interface Context {
  countryCode: string;
  /** Whether the form asks for the booking's contact (not when changing passengers). */
  withContact: boolean;
  /** Seats that suit a passenger who needs an accessible seat. */
  accessibleSeats: ReadonlySet<string>;
  t: I18n['t'];
}

/** The passengers form's rules (the API's), with messages in the reader's language. */
export function travellersSchema({ countryCode, withContact, accessibleSeats, t }: Context) {
  const phone = z
    .string()
    .refine((value) => value.trim() !== '', t('form.phone.required'))
    .refine(
      (value) => value.trim() === '' || normalizePhone(value, countryCode) !== null,
      t('form.phone.invalid'),
    );
  const passenger = z
    .object({
      seatNumber: z.string(),
      fullName: z
        .string()
        .refine(isValidName, t('form.fullName.required'))
        .refine((value) => value.length <= 100, t('form.fullName.tooLong')),
      idType: z.enum(ID_TYPES),
      idNumber: z.string(),
      phone,
      email: z
        .string()
        .refine((value) => value.trim() === '' || isValidEmail(value), t('form.email.invalid')),
      passengerType: z.enum(PASSENGER_TYPES),
      needsAccessibleSeat: z.boolean(),
    })
    .superRefine((value, context) => {
      if (value.idNumber.trim() === '') {
        context.addIssue({
          code: 'custom',
          path: ['idNumber'],
          message: t('form.idNumber.required'),
        });
      } else if (!isValidIdNumber(value.idType, value.idNumber)) {
        context.addIssue({
          code: 'custom',
          path: ['idNumber'],
          message: t(
            value.idType === 'citizen_id' ? 'form.idNumber.citizen' : 'form.idNumber.passport',
          ),
        });
      }
      if (value.needsAccessibleSeat && !accessibleSeats.has(value.seatNumber)) {
        context.addIssue({
          code: 'custom',
          path: ['needsAccessibleSeat'],
          message: t('form.accessible.notAccessible', { seat: value.seatNumber }),
        });
      }
    });
  return z.object({
    passengers: z.array(passenger).min(1),
    contact: withContact
      ? z.object({
          email: z
            .string()
            .refine((value) => value.trim() !== '', t('form.email.required'))
            .refine((value) => value.trim() === '' || isValidEmail(value), t('form.email.invalid')),
          phone,
        })
      : z.object({ email: z.string(), phone: z.string() }),
  });
}
