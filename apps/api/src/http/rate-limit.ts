import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { rateLimited } from '@app/errors';
import { RateLimiter } from '@app/redis';
import { Problems } from './problems';

const RATE_LIMIT = 'rate-limit:name';

/** Limits of each rate-limited action: attempts per window, per caller (user, guest or IP). */
const limits = (config: AppConfig) => ({
  'booking-create': { limit: config.booking.rateLimitPerMinute, windowSeconds: 60 },
  'guest-session': { limit: config.guests.sessionsPerHour, windowSeconds: 3600 },
});
type LimitName = keyof ReturnType<typeof limits>;

/** Counts each call per caller (token holder, else client IP); over the limit → 429 + Retry-After. */
export function RateLimited(name: LimitName) {
  return applyDecorators(
    SetMetadata(RATE_LIMIT, name),
    UseGuards(RateLimitGuard),
    Problems('rate_limited'),
  );
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const name = this.reflector.get<LimitName>(RATE_LIMIT, context.getHandler());
    if (!name) return true;
    const { limit, windowSeconds } = limits(this.config)[name];
    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const caller = request.actor ? `${request.actor.kind}:${request.actor.id}` : `ip:${request.ip}`;
    const decision = await this.limiter.consume(`${name}:${caller}`, limit, windowSeconds);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('ratelimit-limit', limit).header('ratelimit-remaining', decision.remaining);
    if (decision.allowed) return true;
    throw rateLimited(decision.retryAfterSeconds);
  }
}
