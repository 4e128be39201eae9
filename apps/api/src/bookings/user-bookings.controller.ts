import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor } from '@app/auth';
import {
  BookingPage,
  BookingStats,
  BookingStatsQuery,
  ListBookingsQuery,
} from '@app/booking-domain';
import { Authenticated, CurrentActor } from '../http/auth';
import { ProblemResponse } from '../http/problem.dto';
import { UuidParam } from '../http/validation';
import { BookingPageResponse, BookingStatsResponse, ListBookingsRequest } from './bookings.dto';

@ApiTags('Bookings')
@Controller('users/:userId/bookings')
@Authenticated()
@ApiBadRequestResponse({ description: 'Malformed input', type: ProblemResponse })
@ApiForbiddenResponse({
  description: 'booking.history_forbidden: not this user, not an admin',
  type: ProblemResponse,
})
export class UserBookingsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary:
      'A user’s bookings: filter by status (upcoming = confirmed, not departed), dates, reference',
  })
  @ApiOkResponse({ type: BookingPageResponse })
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('userId') userId: string,
    @Query() query: ListBookingsRequest,
  ): Promise<BookingPage> {
    return this.queries.execute(
      new ListBookingsQuery(actor, userId, {
        status: query.status,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        q: query.q,
        sort: query.sort ?? 'departureAt',
        order: query.order ?? 'desc',
        limit: query.limit ?? 20,
        offset: query.offset ?? 0,
      }),
    );
  }

  @Get('stats')
  @ApiOperation({ summary: 'Totals of a user’s bookings' })
  @ApiOkResponse({ type: BookingStatsResponse })
  stats(@CurrentActor() actor: Actor, @UuidParam('userId') userId: string): Promise<BookingStats> {
    return this.queries.execute(new BookingStatsQuery(actor, userId));
  }
}
