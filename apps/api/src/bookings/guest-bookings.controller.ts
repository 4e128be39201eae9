import { Controller, Get, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { BookingView, GuestLookupQuery } from '@app/booking-domain';
import { ProblemResponse } from '../http/problem.dto';
import { RequestValidationError } from '../http/problem-details';
import { BookingResponse, GuestLookupRequest } from './bookings.dto';

@ApiTags('Guest services')
@Controller('bookings/guest')
export class GuestBookingsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('lookup')
  @ApiOperation({
    summary: 'Find a booking by its reference and the contact’s e-mail or phone',
    description:
      'Personal data is masked. Any mismatch gets the same 404, so nothing reveals whether a ' +
      'reference exists. Failed lookups are limited per reference and per client address ' +
      '(GUEST_LOOKUP_MAX_FAILURES per GUEST_LOOKUP_WINDOW_SECONDS) → 429 with Retry-After.',
  })
  @ApiOkResponse({ type: BookingResponse })
  @ApiBadRequestResponse({
    description: 'Malformed input, or not exactly one of email and phone',
    type: ProblemResponse,
  })
  @ApiNotFoundResponse({
    description: 'booking.not_found (whatever did not match)',
    type: ProblemResponse,
  })
  @ApiTooManyRequestsResponse({
    description: 'rate_limited, with Retry-After',
    type: ProblemResponse,
  })
  lookup(@Query() query: GuestLookupRequest, @Req() request: FastifyRequest): Promise<BookingView> {
    if ((query.email === undefined) === (query.phone === undefined)) {
      throw new RequestValidationError([
        { field: 'email', rule: 'oneOf', message: 'give either email or phone (one of them)' },
      ]);
    }
    const contact = query.email !== undefined ? { email: query.email } : { phone: query.phone! };
    return this.queries.execute(new GuestLookupQuery(query.reference, contact, request.ip));
  }
}
