import { ERROR_CATALOG, ErrorCode, ErrorKind } from './error-catalog';

export interface FieldViolation {
  /** Path of the offending field, e.g. `seats[2].seatNumber`. */
  field: string;
  /** The rule it broke, e.g. `isInt`, `unique`. */
  rule: string;
  message: string;
}

/** A field violation that carries the code of the rule it broke. */
export type CodedViolation = FieldViolation & { code: ErrorCode };

export interface DomainErrorOptions {
  /** Extra members of the problem document (e.g. `conflicts`, `errors`, `currentStatus`). */
  extensions?: Record<string, unknown>;
  /** Seconds a client should wait before retrying (429). */
  retryAfterSeconds?: number;
}

/**
 * What went wrong, in terms a client can act on: a code from the error catalog, whose kind the
 * HTTP layer maps to a status (validation → 400, rule → 422, not_found → 404, conflict → 409 …).
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly extensions: Record<string, unknown>;
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options: DomainErrorOptions = {}) {
    // An expected outcome, answered as a 4xx, not a fault to trace: capturing the call stack of
    // every refusal (409s under seat contention) was 2 % of the API's CPU.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'DomainError';
    this.code = code;
    this.kind = ERROR_CATALOG[code].kind;
    this.extensions = options.extensions ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** A rule violation that names the fields involved. */
export function ruleViolation(
  code: ErrorCode,
  message: string,
  errors: FieldViolation[],
): DomainError {
  return new DomainError(code, message, { extensions: { errors } });
}

/** 429 `rate_limited`: too many `what` (attempts, failed lookups…); retry after the window. */
export function rateLimited(retryAfterSeconds: number, what = 'attempts'): DomainError {
  return new DomainError('rate_limited', `Too many ${what}; try again in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  });
}
