import { Controller, Get, Header, Headers, Inject, NotFoundException, Res } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import {
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { APP_CONFIG, AppConfig } from '@app/config';
import { isDatabaseReachable, PG_POOL } from '@app/event-store';
import { RedisHealth } from '@app/redis';
import { OwnBearerToken } from '../http/auth';
import { Metrics } from './metrics';

class ReadinessChecks {
  @ApiProperty({ enum: ['ok', 'down'] }) postgres: 'ok' | 'down';
  @ApiProperty({
    enum: ['ok', 'absent', 'down'],
    description: 'absent: not configured (degraded mode)',
  })
  redis: 'ok' | 'absent' | 'down';
}

class LivenessResponse {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

class ReadinessResponse {
  @ApiProperty({ enum: ['ok', 'degraded', 'down'] }) status: 'ok' | 'degraded' | 'down';
  @ApiProperty({ type: ReadinessChecks }) checks: ReadinessChecks;
}

/**
 * /metrics with METRICS_TOKEN needs that bearer token; without one it is open in development and
 * absent (404, like any unknown path) in production, where it would tell the world the load.
 */
function metricsReadable(
  config: Pick<AppConfig, 'http' | 'isProduction'>,
  authorization: string | undefined,
): boolean {
  if (!config.http.metricsToken) return !config.isProduction;
  const given = Buffer.from(authorization ?? '');
  const expected = Buffer.from(`Bearer ${config.http.metricsToken}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

@ApiTags('Operations')
@Controller()
export class OpsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly redis: RedisHealth,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('health/live')
  @ApiOperation({ summary: 'The process is up' })
  @ApiOkResponse({ type: LivenessResponse })
  getLiveness(): LivenessResponse {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @ApiOperation({
    summary:
      'Ready to serve: Postgres reachable (503 otherwise); Redis down or absent only degrades',
  })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiServiceUnavailableResponse({ type: ReadinessResponse })
  async getReadiness(@Res() reply: FastifyReply): Promise<void> {
    const [postgresUp, redis] = await Promise.all([
      isDatabaseReachable(this.pool),
      this.redis.status(),
    ]);
    const checks: ReadinessChecks = { postgres: postgresUp ? 'ok' : 'down', redis };
    const status = !postgresUp ? 'down' : redis === 'down' ? 'degraded' : 'ok';
    await reply.status(postgresUp ? 200 : 503).send({ status, checks });
  }

  @Get('metrics')
  @OwnBearerToken()
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metricsText(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (!metricsReadable(this.config, authorization)) throw new NotFoundException();
    return this.metrics.registry.metrics();
  }
}
