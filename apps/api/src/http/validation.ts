import {
  ArgumentMetadata,
  Param,
  ParseUUIDPipe,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { FieldViolation } from '@app/errors';
import { setBounded } from '@app/collections';
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

const REPEATED_QUERY = Symbol('repeatedQuery');
const REMEMBERED_QUERIES = 500;
const LONGEST_REMEMBERED_QUERY = 512;

/**
 * A query string of this shape comes again and again (searches, seat-map polling), and carries
 * nothing personal: each distinct one that passes is validated once and remembered.
 */
export const RepeatedQuery = (): ClassDecorator => (target) => {
  Reflect.defineMetadata(REPEATED_QUERY, true, target);
};

/** Queries that passed validation, per DTO class and input (see RepeatedQuery). */
const passedQueries = new WeakMap<object, Map<string, object>>();

/**
 * The validated query for this input if it passed before (a copy of its own), else undefined:
 * lets a route answered before Nest's pipes take only queries the pipe has already accepted.
 */
export function rememberedQuery<T extends object>(
  dto: abstract new (...args: never[]) => T,
  query: unknown,
): T | undefined {
  const remembered = passedQueries.get(dto)?.get(JSON.stringify(query));
  return remembered && (copyOf(remembered) as T);
}

/**
 * Validation is a function of the DTO class and the input alone, so a query that passed once
 * passes again with the same result. Each caller gets its own shallow copy (only primitives are
 * remembered). A query that fails is never remembered: it is validated each time.
 */
class RememberingValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if (metadata.type !== 'query' || !metatype || !Reflect.getMetadata(REPEATED_QUERY, metatype))
      return super.transform(value, metadata);
    const key = JSON.stringify(value);
    if (key.length > LONGEST_REMEMBERED_QUERY) return super.transform(value, metadata);
    let known = passedQueries.get(metatype);
    if (!known) passedQueries.set(metatype, (known = new Map()));
    const remembered = known.get(key);
    if (remembered) return copyOf(remembered);
    const result = (await super.transform(value, metadata)) as object;
    if (Object.values(result).every((field) => field === null || typeof field !== 'object')) {
      setBounded(known, key, copyOf(result), REMEMBERED_QUERIES);
    }
    return result;
  }
}

const copyOf = (dto: object): object =>
  Object.assign(Object.create(Object.getPrototypeOf(dto) as object) as object, dto);

export function createValidationPipe(): ValidationPipe {
  return new RememberingValidationPipe({
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
