import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { Actor, isAdmin, TokenVerifier } from '@app/auth';
import { DomainError } from '@app/errors';
import { JobQueues } from '@app/jobs';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../../http/problem-details';
import { logRefusal } from '../../http/refusals';
import {
  BOARD_SESSION_COOKIE,
  cookieValue,
  QUEUE_BOARD_PATH,
  verifyBoardSession,
} from './board-session';
import { SIGN_IN_PAGE, SIGN_IN_SCRIPT } from './sign-in-page';

export interface QueueBoardDeps {
  queues: JobQueues;
  verifier: TokenVerifier;
  sessionKey: Buffer;
  nowSeconds: () => number;
}

const READS = new Set(['GET', 'HEAD']);
/** The sign-in page and its script: open, they show nothing but a form. */
const SIGN_IN = `${QUEUE_BOARD_PATH}/sign-in`;
const OPEN_PATHS = new Set([SIGN_IN, `${SIGN_IN}.js`]);

/**
 * Who is asking, as an admin or not at all: the bearer token of the request (any method), or for
 * reads only (page navigations, the dashboard's own calls) the session cookie that POST
 * /admin/queues/session gave an admin. A cookie never authorizes a change, so no page of another
 * origin can make one with it even where SameSite is not enforced.
 */
async function authenticate(
  request: FastifyRequest,
  deps: QueueBoardDeps,
): Promise<Actor | { sessionOf: string } | undefined> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      throw new DomainError(
        'auth.invalid_token',
        'The Authorization header must be "Bearer <token>".',
      );
    }
    return deps.verifier.verify(match[1]);
  }
  const cookie = cookieValue(request.headers.cookie, BOARD_SESSION_COOKIE);
  if (cookie && READS.has(request.method)) {
    const session = verifyBoardSession(deps.sessionKey, cookie, deps.nowSeconds());
    if (session) return { sessionOf: session.sub };
  }
  return undefined;
}

/** The checks every request to the dashboard passes first: admin, and Redis configured. */
async function guard(request: FastifyRequest, deps: QueueBoardDeps): Promise<void> {
  const caller = await authenticate(request, deps);
  if (!caller) {
    throw new DomainError(
      'auth.missing_token',
      `The queue dashboard needs an admin: a bearer token, or a session from ${SIGN_IN}.`,
    );
  }
  if (!('sessionOf' in caller) && !isAdmin(caller)) {
    throw new DomainError('auth.forbidden', 'The queue dashboard needs the admin role.');
  }
  if (!deps.queues.configured) {
    throw new DomainError(
      'queues.unavailable',
      'The queue dashboard needs Redis: this deployment runs without REDIS_URL, so jobs run in process.',
    );
  }
}

async function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  const problem = toProblem(error, request.url.split('?')[0]);
  if (problem.body.status < 500) logRefusal(request, problem.body);
  else request.log.error({ err: error }, 'queue dashboard check failed');
  return reply
    .status(problem.body.status)
    .headers({ ...problem.headers, 'content-type': PROBLEM_CONTENT_TYPE })
    .send(problem.body);
}

/**
 * The BullMQ dashboard (Bull Board) at /admin/queues, for admins only, over every queue of the
 * service, read-only: it shows queues and jobs; retrying, removing or adding jobs is not offered
 * (a job's data is only ids, but adding one would bypass every command's authorization). Its
 * routes are Bull Board's, not our API's: they stay out of the OpenAPI document. Without Redis
 * every path answers 503 `queues.unavailable` (after the admin check).
 */
export async function registerQueueBoard(
  fastify: FastifyInstance,
  deps: QueueBoardDeps,
): Promise<void> {
  await fastify.register(
    async (board) => {
      board.addHook('onRequest', async (request, reply) => {
        if (OPEN_PATHS.has(request.url.split('?')[0])) return;
        try {
          await guard(request, deps);
        } catch (error) {
          return refuse(request, reply, error);
        }
      });
      const page = (body: string, type: string) => (_: FastifyRequest, reply: FastifyReply) =>
        reply
          .type(type)
          .header('cache-control', 'no-store')
          .header(
            'content-security-policy',
            "default-src 'none'; script-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
          )
          .send(body);
      // Hidden as Bull Board hides its own: out of the OpenAPI document and its checks.
      const hidden = { schema: { hide: true } as FastifySchema };
      board.get('/sign-in', hidden, page(SIGN_IN_PAGE, 'text/html; charset=utf-8'));
      board.get('/sign-in.js', hidden, page(SIGN_IN_SCRIPT, 'text/javascript; charset=utf-8'));

      const queues = deps.queues.list();
      if (!deps.queues.configured || queues.length === 0) {
        // The guard has answered 503 already; these only give the paths a route.
        const unavailable = () => undefined;
        board.all('/', hidden, unavailable);
        board.all('/*', hidden, unavailable);
        return;
      }
      const adapter = new BullBoardFastifyAdapter();
      adapter.setBasePath(QUEUE_BOARD_PATH);
      createBullBoard({
        queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
        serverAdapter: adapter,
        options: { uiConfig: { boardTitle: 'Bus booking jobs', hideDocsLink: true } },
      });
      await board.register(adapter.registerPlugin());
      board.addHook('onSend', async (_request, reply) => {
        void reply.header('cache-control', 'no-store');
        void reply.header('x-frame-options', 'DENY');
      });
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
