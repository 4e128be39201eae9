import { Param, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { FieldViolation } from '@app/errors';
import { RequestValidationError } from './problem-details';

/** Flattens class-validator's tree into `seats[2].deck`-style paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldViolation[] {
  const out: FieldViolation[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      out.push({
        field,
        rule: rule === 'whitelistValidation' ? 'unknownProperty' : rule,
        message: rule === 'whitelistValidation' ? `${field} is not a known property` : message,
      });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam =
  (name: string): ParameterDecorator =>
  (target, key, index) => {
    Param(
      name,
      new ParseUUIDPipe({
        exceptionFactory: () =>
          new RequestValidationError([
            { field: name, rule: 'isUuid', message: `${name} must be a UUID` },
          ]),
      }),
    )(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key !== undefined && descriptor) {
      ApiParam({ name, schema: { type: 'string', format: 'uuid' } })(target, key, descriptor);
    }
  };

/** ISO 8601 as APIs mean it (RFC 3339): a calendar date, optionally with a time and offset. */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
export const RFC3339_MESSAGE = '$property must be a date (YYYY-MM-DD) or an RFC 3339 date-time';

/** Whether a `YYYY-MM-DD…` string names a day of the calendar (no 30 February). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The date part of the value is a day that exists (checked after its format). */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: () => '$property must be a date that exists',
      },
    },
    options,
  );

/** A seat number as buses name them: 1-8 letters, digits or hyphens. */
export const SEAT_NUMBER = /^[A-Za-z0-9-]{1,8}$/;
export const SEAT_NUMBER_MESSAGE = 'each seat number must be 1-8 letters, digits or hyphens';
