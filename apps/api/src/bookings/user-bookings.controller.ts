import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '@app/auth';
import {
  BookingPage,
  BookingStats,
  BookingStatsQuery,
  BookingView,
  ClaimGuestBookingCommand,
  ListBookingsQuery,
} from '@app/booking-domain';
import { Authenticated, CurrentActor } from '../http/auth';
import { Problems } from '../http/problems';
import { UuidParam } from '../http/validation';
import {
  BookingPageResponse,
  BookingResponse,
  BookingStatsResponse,
  ClaimBookingRequest,
  CodeSentResponse,
  ListBookingsRequest,
} from './bookings.dto';
import { codeSent } from './guest-requests';

@ApiTags('Bookings')
@Controller('users/:userId/bookings')
@Authenticated()
@Problems('booking.history_forbidden')
export class UserBookingsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'A user’s bookings: filter by status (upcoming = confirmed, not departed), dates, reference',
  })
  @ApiOkResponse({ type: BookingPageResponse })
  listUserBookings(
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
  getUserBookingStats(
    @CurrentActor() actor: Actor,
    @UuidParam('userId') userId: string,
  ): Promise<BookingStats> {
    return this.queries.execute(new BookingStatsQuery(actor, userId));
  }

  @Post('claim')
  @ApiOperation({
    summary: 'Take a guest booking into this account, by its reference and contact e-mail',
    description:
      'When the account’s own e-mail (from the token) is the booking’s contact, that is the ' +
      'proof. Otherwise a first call e-mails a 6-digit code to the contact and answers 202 ' +
      '(whether or not anything matched); the second call adds `code`. The booking then shows ' +
      'in the user’s history and is theirs to change; access tokens guests got for it stop ' +
      'working, and no new ones are given. Claiming it again is a no-op. Failed attempts ' +
      'count like guest lookups (429).',
  })
  @ApiOkResponse({ type: BookingResponse })
  @ApiAcceptedResponse({
    type: CodeSentResponse,
    description: 'A code was sent (if anything matched)',
  })
  @Problems(
    'booking.not_found',
    'booking.already_claimed',
    'guest.code_invalid',
    'rate_limited',
    'stream.version_conflict',
  )
  async claimGuestBooking(
    @CurrentActor() actor: Actor,
    @UuidParam('userId') userId: string,
    @Body() body: ClaimBookingRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BookingView | CodeSentResponse> {
    const result = await this.commands.execute(
      new ClaimGuestBookingCommand(
        actor,
        userId,
        body.reference,
        body.email,
        body.code,
        request.ip,
      ),
    );
    if (result.status === 'code_sent') {
      reply.status(202);
      return codeSent(result.expiresInSeconds);
    }
    reply.status(200);
    return result.booking;
  }
}
