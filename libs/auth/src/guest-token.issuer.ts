import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock, CLOCK } from '@app/clock';
import type { Actor, BookingScope } from './actor';

export const GUEST_TOKEN_ISSUER = 'bus-booking-service';

export interface BookingAccess {
  accessToken: string;
  expiresAt: string;
  /** The caller the token stands for. */
  actor: Actor;
}

export interface GuestSession {
  guestSessionId: string;
  token: string;
  expiresAt: string;
}

/**
 * Issues bearer tokens for guest sessions and booking access (role `guest`). Nothing about the
 * guest is stored.
 */
@Injectable()
export class GuestTokenIssuer {
  private readonly secret: Uint8Array;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.secret = new TextEncoder().encode(config.guests.tokenSecret);
  }

  async startSession(): Promise<GuestSession> {
    const { token, subject, expiresAt } = await this.sign({}, this.config.guests.sessionTtlSeconds);
    return { guestSessionId: subject, token, expiresAt };
  }

  /**
   * A new token for an existing guest session, lasting `ttlSeconds`: what an e-mailed link gives
   * the guest who joined a waiting list, so it can book the seats offered to that session.
   */
  async resumeSession(guestSessionId: string, ttlSeconds: number): Promise<GuestSession> {
    const { token, expiresAt } = await this.sign({}, ttlSeconds, guestSessionId);
    return { guestSessionId, token, expiresAt };
  }

  /**
   * A token for one booking only (claim `booking`), under a subject of its own: seats it holds
   * are its own, and it owns nothing.
   */
  async grantBookingAccess(scope: BookingScope): Promise<BookingAccess> {
    const { token, subject, expiresAt } = await this.sign(
      { booking: scope.bookingId, viaCode: scope.viaCode },
      this.config.guests.accessTokenTtlSeconds,
    );
    const actor: Actor = { id: subject, kind: 'guest', roles: ['guest'], scope };
    return { accessToken: token, expiresAt, actor };
  }

  private async sign(
    claims: Record<string, unknown>,
    ttlSeconds: number,
    subject: string = randomUUID(),
  ) {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + ttlSeconds;
    const token = await new SignJWT({ roles: ['guest'], ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(GUEST_TOKEN_ISSUER)
      .setSubject(subject)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.secret);
    return { token, subject, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }
}
