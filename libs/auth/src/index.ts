export {
  type Actor,
  type BookingScope,
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
export {
  GuestTokenIssuer,
  type GuestSession,
  type BookingAccess,
  GUEST_TOKEN_ISSUER,
} from './guest-token.issuer';
export { signPlatformToken, type DevTokenOptions } from './dev-token';
export { AuthModule } from './auth.module';
export { requireAdmin } from './authorization';
