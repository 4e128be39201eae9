import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError } from '@app/errors';
import { RequestValidationError, toProblem } from './problem-details';

describe('toProblem', () => {
  it('maps domain errors by kind and keeps their extensions', () => {
    const conflict = new DomainError('seat.unavailable', 'A1 is taken', {
      extensions: { conflicts: [{ seatNumber: 'A1', status: 'locked' }] },
    });
    expect(toProblem(conflict, '/seats/lock').body).toEqual({
      type: 'urn:bus-booking:problem:seat.unavailable',
      title: 'Conflict',
      status: 409,
      detail: 'A1 is taken',
      code: 'seat.unavailable',
      instance: '/seats/lock',
      conflicts: [{ seatNumber: 'A1', status: 'locked' }],
    });
    expect(toProblem(new DomainError('seat.unknown', 'no')).body.status).toBe(422);
    expect(toProblem(new DomainError('trip.not_found', 'no')).body.status).toBe(404);
    expect(toProblem(new DomainError('auth.forbidden', 'no')).body.status).toBe(403);
  });

  it('adds Retry-After to 429s and WWW-Authenticate to 401s', () => {
    expect(
      toProblem(new DomainError('rate_limited', 'slow down', { retryAfterSeconds: 30 })).headers,
    ).toEqual({
      'retry-after': '30',
    });
    expect(toProblem(new DomainError('auth.missing_token', 'who?')).headers).toEqual({
      'www-authenticate': 'Bearer',
    });
  });

  it('lists field violations of invalid requests', () => {
    const problem = toProblem(
      new RequestValidationError([
        { field: 'seats[0].deck', rule: 'isInt', message: 'deck must be an integer' },
      ]),
    );
    expect(problem.body).toMatchObject({
      status: 400,
      code: 'request.invalid',
      errors: [{ field: 'seats[0].deck', rule: 'isInt' }],
    });
  });

  it('maps framework and Fastify errors, and hides internals of unknown ones', () => {
    expect(toProblem(new NotFoundException(), '/x').body.code).toBe('route.not_found');
    expect(toProblem(new BadRequestException('Unexpected end of JSON input')).body).toMatchObject({
      status: 400,
      code: 'request.malformed',
      detail: 'Unexpected end of JSON input',
    });
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(toProblem(tooLarge).body).toMatchObject({ status: 413, code: 'request.too_large' });
    const internal = toProblem(new Error('password=hunter2 leaked'));
    expect(internal.body).toMatchObject({ status: 500, code: 'internal' });
    expect(JSON.stringify(internal.body)).not.toContain('hunter2');
  });

  it('answers a lost database connection with 503 and Retry-After, a retry being safe', () => {
    const terminated = Object.assign(
      new Error('terminating connection due to administrator command'),
      { code: '57P01', severity: 'FATAL' },
    );
    const wrapped = Object.assign(new Error('query failed'), { driverError: terminated });
    for (const error of [
      terminated,
      wrapped,
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
    ]) {
      const problem = toProblem(error, '/bookings');
      expect(problem.body).toMatchObject({ status: 503, code: 'service.unavailable' });
      expect(problem.headers['retry-after']).toBe('1');
    }
    expect(toProblem(Object.assign(new Error('x'), { code: '23505' })).body.status).toBe(500);
  });
});
