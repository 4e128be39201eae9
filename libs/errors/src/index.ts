export {
  DomainError,
  type DomainErrorOptions,
  type ErrorKind,
  type FieldViolation,
  isDomainError,
  ruleViolation,
  rateLimited,
} from './domain-error';
