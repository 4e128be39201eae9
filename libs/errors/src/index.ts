export {
  DomainError,
  type DomainErrorOptions,
  type ErrorKind,
  type FieldViolation,
  isDomainError,
  ruleViolation,
} from './domain-error';
