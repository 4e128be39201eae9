import { formPath } from '../../api/problem';
import type { FieldViolation } from '../../api/types';
import type { I18n } from '../../i18n/i18n';

/** A field of the passengers form (react-hook-form's path). */
export type TravellersField =
  | `passengers.${number}.${'fullName' | 'idType' | 'idNumber' | 'phone' | 'email' | 'passengerType' | 'needsAccessibleSeat'}`
  | `contact.${'email' | 'phone'}`;

const FIELD =
  /^(passengers\.\d+\.(fullName|idType|idNumber|phone|email|passengerType|needsAccessibleSeat)|contact\.(email|phone))$/;

const isTravellersField = (path: string): path is TravellersField => FIELD.test(path);

/** Where the passengers form shows an API field error, if at a field. */
export function violationField(violation: FieldViolation): TravellersField | undefined {
  let path = formPath(violation.field);
  // "Not an accessible seat" is about the passenger's need, shown at that checkbox.
  if (violation.rule === 'accessible') path = path.replace(/seatNumber$/, 'needsAccessibleSeat');
  return isTravellersField(path) ? path : undefined;
}

/** An API field error in the reader's language (the API's own words when it is not known). */
export function violationMessage(t: I18n['t'], violation: FieldViolation): string {
  const field = violation.field;
  if (field.endsWith('.phone')) return t('form.phone.invalid');
  if (field.endsWith('.email')) return t('form.email.invalid');
  if (field.endsWith('.idNumber')) return t('form.idNumber.invalid');
  if (field.endsWith('.fullName')) return t('form.fullName.required');
  if (violation.rule === 'accessible') return t('form.accessible.refused');
  return violation.message;
}
