import { DomainError, FieldViolation, ruleViolation } from '@app/errors';

export const SeatingErrors = {
  invalidLayout: (violations: (FieldViolation & { code: string })[]) =>
    ruleViolation(
      violations[0].code,
      `The seat layout is invalid: ${violations.map((v) => v.message).join('; ')}`,
      violations.map(({ field, rule, message }) => ({ field, rule, message })),
    ),
  invalidTrip: (violations: (FieldViolation & { code: string })[]) =>
    ruleViolation(
      violations[0].code,
      `The trip cannot be scheduled: ${violations.map((v) => v.message).join('; ')}`,
      violations.map(({ field, rule, message }) => ({ field, rule, message })),
    ),
  plateNumberTaken: (plateNumber: string) =>
    new DomainError(
      'bus.plate_number_taken',
      'conflict',
      `A bus with plate number ${plateNumber} is already registered.`,
    ),
  tripNotFound: (tripId: string) =>
    new DomainError('trip.not_found', 'not_found', `Trip ${tripId} does not exist.`),
};
