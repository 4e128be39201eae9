import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { catchError, from, mergeMap, Observable, of } from 'rxjs';
import type { Actor } from '@app/auth';
import { DomainError } from '@app/errors';
import { PG_POOL } from '@app/event-store';
import {
  ProblemDocument,
  ReplayedProblem,
  RequestValidationError,
  toProblem,
} from './problem-details';
import { PiiCipher } from '@app/privacy';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ProcessLiveness } from './process-liveness';
import { Problems } from './problems';

const KEY = /^[\x21-\x7e]{1,255}$/;
/** A claim never answered this long after it was made belongs to a request that died. */
const ABANDONED_AFTER_SECONDS = 60;

interface StoredAnswer {
  request_hash: string;
  status_code: number | null;
  response: unknown;
  claimed_by: number | null;
  /** Unanswered for ABANDONED_AFTER_SECONDS. */
  stale: boolean;
  /** Older than IDEMPOTENCY_KEY_TTL_HOURS: the key is free again. */
  expired: boolean;
}

/** Answers worth replaying: not server errors, and not conflicts that say "retry". */
function isFinal(problem: ProblemDocument): boolean {
  return (
    problem.status < 500 &&
    problem.code !== 'stream.version_conflict' &&
    !problem.code.startsWith('idempotency.')
  );
}

/**
 * Honours `Idempotency-Key`: the first request with a key runs and its answer (success or 4xx
 * problem) is stored; the same key with the same body gets that answer again, with another body
 * a 422. A 5xx is not stored, so the client may retry with the same key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly cipher: PiiCipher,
    private readonly liveness: ProcessLiveness,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new RequestValidationError([
        {
          field: 'Idempotency-Key',
          rule: 'format',
          message: 'Idempotency-Key must be 1-255 visible ASCII characters',
        },
      ]);
    }
    const id = [
      `${request.method} ${request.routeOptions.url}`,
      request.actor ? `${request.actor.kind}:${request.actor.id}` : 'anonymous',
      key,
    ];
    const hash = createHash('sha256')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex');
    if (!(await this.claim(id, hash))) {
      const stored = await this.stored(id);
      // Gone meanwhile (its first request failed with a 5xx), or abandoned by a crashed process.
      if (!stored && (await this.claim(id, hash))) return this.run(context, next, id);
      if (stored && (stored.expired || (await this.abandoned(stored)))) {
        await this.pool.query(
          `DELETE FROM idempotency_keys WHERE scope = $1 AND caller = $2 AND key = $3
              AND request_hash = $4 AND status_code IS NOT DISTINCT FROM $5`,
          [...id, stored.request_hash, stored.status_code],
        );
        if (await this.claim(id, hash)) return this.run(context, next, id);
      }
      return of(this.replay(stored, hash, reply));
    }
    return this.run(context, next, id);
  }

  private run(context: ExecutionContext, next: CallHandler, id: string[]): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();

    const successStatus: number =
      Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    return next.handle().pipe(
      mergeMap((body) => from(this.store(id, successStatus, body).then(() => body))),
      catchError((error: unknown) =>
        from(
          (async () => {
            const problem = toProblem(error, request.url);
            if (isFinal(problem.body)) await this.store(id, problem.body.status, problem.body);
            else
              await this.pool.query(
                'DELETE FROM idempotency_keys WHERE scope = $1 AND caller = $2 AND key = $3',
                id,
              );
            throw error;
          })(),
        ),
      ),
    );
  }

  private async claim(id: string[], hash: string): Promise<boolean> {
    const claimed = await this.pool.query(
      `INSERT INTO idempotency_keys (scope, caller, key, request_hash, claimed_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [...id, hash, this.liveness.id],
    );
    return claimed.rowCount === 1;
  }

  private async stored(id: string[]): Promise<StoredAnswer | undefined> {
    const { rows } = await this.pool.query<StoredAnswer>(
      `SELECT request_hash, status_code, response, claimed_by,
              status_code IS NULL AND created_at < now() - make_interval(secs => $4) AS stale,
              created_at < now() - make_interval(hours => $5) AS expired
         FROM idempotency_keys WHERE scope = $1 AND caller = $2 AND key = $3`,
      [...id, ABANDONED_AFTER_SECONDS, this.config.http.idempotencyKeyTtlHours],
    );
    return rows[0];
  }

  /**
   * An unanswered claim whose process has died (its liveness lock is gone: at once, however it
   * died) or that has waited too long: the request will never answer, the key is free.
   */
  private async abandoned(stored: StoredAnswer): Promise<boolean> {
    if (stored.status_code !== null) return false;
    if (stored.stale) return true;
    return stored.claimed_by !== null && !(await this.liveness.isAlive(stored.claimed_by));
  }

  private replay(stored: StoredAnswer | undefined, hash: string, reply: FastifyReply): unknown {
    if (!stored || stored.request_hash !== hash) {
      throw new DomainError(
        'idempotency.key_reused',
        'This Idempotency-Key was used for a different request; send a new key for a new request.',
      );
    }
    if (stored.status_code === null) {
      throw new DomainError(
        'idempotency.in_progress',
        'A request with this Idempotency-Key is still being processed; retry shortly.',
        { retryAfterSeconds: 1 },
      );
    }
    void reply.header('idempotent-replayed', 'true');
    if (stored.status_code >= 400) throw new ReplayedProblem(stored.response as ProblemDocument);
    const { sealed } = stored.response as { sealed: string };
    return JSON.parse(this.cipher.open(sealed));
  }

  /**
   * A successful answer may carry the caller's personal data (a booking in clear), so it is
   * stored sealed like any other PII; problems carry none and stay readable.
   */
  private async store(id: string[], status: number, body: unknown): Promise<void> {
    const response =
      status >= 400 ? (body ?? null) : { sealed: this.cipher.seal(JSON.stringify(body ?? null)) };
    await this.pool.query(
      'UPDATE idempotency_keys SET status_code = $4, response = $5 WHERE scope = $1 AND caller = $2 AND key = $3',
      [...id, status, JSON.stringify(response)],
    );
  }
}

export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        '1-255 visible ASCII characters; the same key with the same body replays the first answer, with ' +
        'another body it is refused (idempotency.key_reused).',
      schema: { type: 'string', maxLength: 255 },
    }),
    Problems('idempotency.key_reused', 'idempotency.in_progress'),
  );
