export {
  DomainError,
  DomainErrorOptions,
  ErrorKind,
  FieldViolation,
  isDomainError,
  ruleViolation,
} from './domain-error';
