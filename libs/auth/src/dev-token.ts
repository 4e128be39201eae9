import { SignJWT } from 'jose';
import { Role } from './actor';

export interface DevTokenOptions {
  secret: string;
  sub: string;
  roles: Role[];
  email?: string;
  name?: string;
  expiresInSeconds?: number;
  issuer?: string;
  audience?: string;
}

/** Signs a platform-style HS256 token, for local use and tests (what the auth service would issue). */
export function signPlatformToken(options: DevTokenOptions): Promise<string> {
  const jwt = new SignJWT({ roles: options.roles, email: options.email, name: options.name })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuedAt()
    .setExpirationTime(`${options.expiresInSeconds ?? 3600}s`);
  if (options.issuer) jwt.setIssuer(options.issuer);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
