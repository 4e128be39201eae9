import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem, PROBLEM_CONTENT_TYPE, toProblem } from './problem-details';

/** The one place errors become responses, for Nest handlers and Fastify alike. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(
      http.getRequest<FastifyRequest>(),
      http.getResponse<FastifyReply>(),
      exception,
      this.logger,
    );
  }
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  logger: Logger,
): void {
  const problem: Problem = toProblem(error, request.url);
  if (problem.body.status >= 500) {
    logger.error(
      { err: error, requestId: request.id, method: request.method, url: request.url },
      `Unhandled error serving ${request.method} ${request.url}`,
    );
  }
  void reply
    .status(problem.body.status)
    .headers({ ...problem.headers, 'content-type': PROBLEM_CONTENT_TYPE })
    .send(problem.body);
}
