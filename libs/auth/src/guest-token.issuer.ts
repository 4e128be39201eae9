import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock, CLOCK } from '@app/clock';

export const GUEST_TOKEN_ISSUER = 'bus-booking-service';

export interface GuestSession {
  guestSessionId: string;
  token: string;
  expiresAt: string;
}

/** Issues bearer tokens for guest sessions (role `guest`). Nothing about the guest is stored. */
@Injectable()
export class GuestTokenIssuer {
  private readonly secret: Uint8Array;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.secret = new TextEncoder().encode(config.GUEST_TOKEN_SECRET!);
  }

  async startSession(): Promise<GuestSession> {
    const guestSessionId = randomUUID();
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + this.config.GUEST_SESSION_TTL_SECONDS;
    const token = await new SignJWT({ roles: ['guest'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(GUEST_TOKEN_ISSUER)
      .setSubject(guestSessionId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.secret);
    return { guestSessionId, token, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }
}
