export {
  DomainError,
  type CodedViolation,
  type FieldViolation,
  isDomainError,
  ruleViolation,
  rateLimited,
} from './domain-error';
export {
  ERROR_CATALOG,
  type ErrorCode,
  isErrorCode,
  type ProblemExtension,
  STATUS_BY_KIND,
} from './error-catalog';
