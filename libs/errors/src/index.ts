export {
  DomainError,
  type CodedViolation,
  type DomainErrorOptions,
  type FieldViolation,
  isDomainError,
  ruleViolation,
  rateLimited,
} from './domain-error';
export {
  ERROR_CATALOG,
  type ErrorCode,
  type ErrorKind,
  type ErrorSpec,
  errorSpec,
  isErrorCode,
  type ProblemExtension,
  STATUS_BY_KIND,
} from './error-catalog';
