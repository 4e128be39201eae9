import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError } from '@app/errors';
import { setBounded } from '@app/collections';
import { Actor, Role, ROLES } from './actor';
import { GUEST_TOKEN_ISSUER } from './guest-token.issuer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const VERIFIED_CACHE_SIZE = 10_000;
/** Bounds how long a cached verification is trusted, e.g. after a JWKS key rotation. */
const VERIFIED_CACHE_MS = 5 * 60_000;

const invalidToken = (why: string) =>
  new DomainError('auth.invalid_token', `The bearer token is not valid: ${why}.`);

/**
 * Verifies platform tokens (HS256 secret or JWKS) and this service's own guest tokens, and turns
 * them into an Actor.
 */
@Injectable()
export class TokenVerifier {
  private readonly platformSecret?: Uint8Array;
  private readonly platformJwks?: JWTVerifyGetKey;
  private readonly guestSecret: Uint8Array;
  private readonly verified = new Map<string, { actor: Actor; expiresAt: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const encoder = new TextEncoder();
    if (config.auth.jwksUrl) this.platformJwks = createRemoteJWKSet(new URL(config.auth.jwksUrl));
    if (config.auth.jwtSecret) this.platformSecret = encoder.encode(config.auth.jwtSecret);
    this.guestSecret = encoder.encode(config.guests.tokenSecret);
  }

  /**
   * Verified tokens are remembered until they expire (clients send the same token with every
   * request; checking its signature each time was a tenth of a seat hold's CPU).
   */
  async verify(token: string): Promise<Actor> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.actor;
    let claims: JWTPayload;
    try {
      claims = decodeJwt(token);
    } catch {
      throw invalidToken('it is not a JWT');
    }
    const actor = await (claims.iss === GUEST_TOKEN_ISSUER
      ? this.verifyGuest(token)
      : this.verifyPlatform(token));
    const expiresAt = Math.min((claims.exp ?? 0) * 1000, Date.now() + VERIFIED_CACHE_MS);
    setBounded(this.verified, token, { actor, expiresAt }, VERIFIED_CACHE_SIZE);
    return actor;
  }

  private async verifyGuest(token: string): Promise<Actor> {
    const payload = await this.check(() =>
      jwtVerify(token, this.guestSecret, {
        issuer: GUEST_TOKEN_ISSUER,
        algorithms: ['HS256'],
        requiredClaims: ['exp'],
      }),
    );
    if (!payload.sub || !UUID.test(payload.sub))
      throw invalidToken('its subject is not a guest session id');
    const actor: Actor = { id: payload.sub, kind: 'guest', roles: ['guest'] };
    if (payload.booking !== undefined) {
      if (typeof payload.booking !== 'string' || !UUID.test(payload.booking))
        throw invalidToken('its booking is not a booking id');
      actor.scope = { bookingId: payload.booking, viaCode: payload.viaCode === true };
    }
    return actor;
  }

  private async verifyPlatform(token: string): Promise<Actor> {
    // A token without `exp` would be good forever, and one far in the future nearly so.
    const options = {
      issuer: this.config.auth.issuer,
      audience: this.config.auth.audience,
      requiredClaims: ['exp'],
    };
    const payload = await this.check(() =>
      this.platformJwks
        ? jwtVerify(token, this.platformJwks, options)
        : jwtVerify(token, this.platformSecret!, { ...options, algorithms: ['HS256'] }),
    );
    if (payload.exp! - Date.now() / 1000 > this.config.auth.maxTokenLifetimeSeconds) {
      throw invalidToken(
        `it expires more than AUTH_MAX_TOKEN_LIFETIME_SECONDS (${this.config.auth.maxTokenLifetimeSeconds} s) from now`,
      );
    }
    if (!payload.sub || !UUID.test(payload.sub))
      throw invalidToken('its subject is not a user id (UUID)');
    const claimed = Array.isArray(payload.roles) ? payload.roles : ['user'];
    const roles = claimed.filter((r): r is Role => ROLES.includes(r as Role) && r !== 'guest');
    if (roles.length === 0) roles.push('user');
    return {
      id: payload.sub,
      kind: 'user',
      roles,
      email: typeof payload.email === 'string' ? payload.email : undefined,
      name: typeof payload.name === 'string' ? payload.name : undefined,
    };
  }

  private async check(verify: () => Promise<{ payload: JWTPayload }>): Promise<JWTPayload> {
    try {
      return (await verify()).payload;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') throw invalidToken('it has expired');
      if (
        code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' &&
        (error as { claim?: string }).claim === 'exp'
      )
        throw invalidToken('it has no expiry (exp)');
      if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JWKS_NO_MATCHING_KEY') {
        throw invalidToken('no key of the auth service matches it');
      }
      throw invalidToken('its signature or claims do not check out');
    }
  }
}
