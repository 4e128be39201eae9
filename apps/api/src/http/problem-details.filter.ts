import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details';
import { logRefusal } from './refusals';

/** The one place errors become responses: Nest's own and those Fastify raises before a handler. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // The query may carry personal data (a lookup by e-mail): the instance is the path alone.
    const problem = toProblem(error, request.url.split('?')[0]);
    if (problem.body.status < 500) {
      logRefusal(request, problem.body);
    } else if (problem.body.status === 503) {
      this.logger.warn(
        `${request.method} ${request.url.split('?')[0]} (request ${request.id}) answered 503: ${String(error)}`,
      );
    } else if (problem.body.status >= 500) {
      this.logger.error(
        `Unhandled error serving ${request.method} ${request.url.split('?')[0]} (request ${request.id}): ${String(error)}`,
        (error as Error)?.stack,
      );
    }
    void reply
      .status(problem.body.status)
      .headers({ ...problem.headers, 'content-type': PROBLEM_CONTENT_TYPE })
      .send(problem.body);
  }
}
