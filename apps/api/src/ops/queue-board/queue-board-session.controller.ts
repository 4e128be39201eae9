import { Controller, Delete, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError } from '@app/errors';
import { JobQueues } from '@app/jobs';
import { Authenticated, CurrentActor } from '../../http/auth';
import { Problems } from '../../http/problems';
import {
  BOARD_SESSION_TTL_SECONDS,
  boardSessionCookie,
  boardSessionKey,
  signBoardSession,
} from './board-session';

/** Sessions of the queue dashboard (/admin/queues), for the browsers of admins. */
@ApiTags('Operations')
@Controller('admin/queues/session')
export class QueueBoardSessionController {
  private readonly key: Buffer;

  constructor(
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.key = boardSessionKey(config.guests.tokenSecret);
  }

  @Post()
  @HttpCode(204)
  @Authenticated('admin')
  @ApiOperation({
    summary: 'Open a session of the job queue dashboard (admins)',
    description:
      `Trades the admin's bearer token for a cookie that lets this browser open the dashboard at ` +
      `/admin/queues (a browser sends no bearer token when it navigates): HttpOnly, ` +
      `SameSite=Strict, Path=/admin/queues, for ${BOARD_SESSION_TTL_SECONDS / 60} minutes. It ` +
      'only reads: the dashboard is read-only. /admin/queues/sign-in does this from a browser.',
  })
  @ApiNoContentResponse({ description: 'Set-Cookie carries the session.' })
  @Problems('queues.unavailable')
  open(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): void {
    if (!this.queues.configured) {
      throw new DomainError(
        'queues.unavailable',
        'The queue dashboard needs Redis: this deployment runs without REDIS_URL, so jobs run in process.',
      );
    }
    const exp = Math.floor(this.clock.now().getTime() / 1000) + BOARD_SESSION_TTL_SECONDS;
    const value = signBoardSession(this.key, { sub: actor.id, exp });
    void reply
      .header('cache-control', 'no-store')
      .header(
        'set-cookie',
        boardSessionCookie(value, BOARD_SESSION_TTL_SECONDS, this.secure(request)),
      );
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Close the job queue dashboard session of this browser' })
  @ApiNoContentResponse({ description: 'Set-Cookie clears the session.' })
  close(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.header('set-cookie', boardSessionCookie('', 0, this.secure(request)));
  }

  /** Secure over HTTPS (as the proxy says, with TRUST_PROXY) and always in production. */
  private secure(request: FastifyRequest): boolean {
    return this.config.isProduction || request.protocol === 'https';
  }
}
