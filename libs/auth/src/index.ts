export {
  type Actor,
  type Caller,
  type Role,
  ROLES,
  SYSTEM_ACTOR,
  callerRef,
  eventActorOf,
  hasRole,
  isAdmin,
  isSystem,
} from './actor';
export { TokenVerifier } from './token-verifier';
export { GuestTokenIssuer } from './guest-token.issuer';
export { signPlatformToken } from './dev-token';
export { AuthModule } from './auth.module';
export { requireAdmin } from './authorization';
