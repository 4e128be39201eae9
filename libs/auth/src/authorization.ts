import { DomainError } from '@app/errors';
import { Caller, isAdmin, isSystem } from './actor';

/** Admin-only commands call this; the HTTP guard checks the same, this keeps the rule in one place for every entry point. */
export function requireAdmin(caller: Caller): void {
  if (isSystem(caller) || isAdmin(caller)) return;
  throw new DomainError('auth.forbidden', 'This action needs the admin role.');
}
