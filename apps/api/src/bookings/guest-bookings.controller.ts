import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BookingView, GuestLookupQuery, VerifyGuestAccessCommand } from '@app/booking-domain';
import { Problems } from '../http/problems';
import { codeSent, contactOf } from './guest-requests';
import {
  BookingResponse,
  CodeSentResponse,
  GuestAccessResponse,
  GuestLookupRequest,
  GuestVerifyRequest,
} from './bookings.dto';

const RATE_LIMIT_NOTE =
  'Failed attempts are limited per reference and per client address ' +
  '(GUEST_LOOKUP_MAX_FAILURES per GUEST_LOOKUP_WINDOW_SECONDS) → 429 with Retry-After.';

@ApiTags('Guest services')
@Controller('bookings/guest')
@Problems('booking.not_found', 'rate_limited')
export class GuestBookingsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get('lookup')
  @ApiOperation({
    summary: 'Find a booking by its reference and the contact’s e-mail or phone',
    description:
      'Personal data is masked. Any mismatch gets the same 404, so nothing reveals whether a ' +
      `reference exists. ${RATE_LIMIT_NOTE}`,
  })
  @ApiOkResponse({ type: BookingResponse })
  lookupGuestBooking(
    @Query() query: GuestLookupRequest,
    @Req() request: FastifyRequest,
  ): Promise<BookingView> {
    return this.queries.execute(
      new GuestLookupQuery(query.reference, contactOf(query), request.ip),
    );
  }

  @Post('verify')
  @ApiExtraModels(CodeSentResponse)
  @ApiOperation({
    summary: 'Prove a guest booking’s contact and get an access token for that booking only',
    description:
      'The token (Bearer) lets the guest view the booking, change it while pending, pay, ' +
      'cancel and resend the confirmation — that booking only — for ' +
      'GUEST_ACCESS_TOKEN_TTL_SECONDS. With GUEST_OTP_REQUIRED=true the first call e-mails a ' +
      '6-digit code to the contact (valid GUEST_OTP_TTL_SECONDS, GUEST_OTP_MAX_ATTEMPTS tries, ' +
      'once) and answers 202 whether or not anything matched; the second call adds `code`. ' +
      'Personal data shows in clear only after a code. Bookings of registered users, claimed ' +
      'ones included, are not opened this way (404: sign in). At most ' +
      `GUEST_ACCESS_GRANTS_PER_WINDOW tokens per booking per window. ${RATE_LIMIT_NOTE}`,
  })
  @ApiOkResponse({ type: GuestAccessResponse })
  @ApiAcceptedResponse({
    type: CodeSentResponse,
    description: 'A code was sent (if anything matched)',
  })
  @Problems('guest.code_invalid', 'stream.version_conflict')
  async verifyGuestAccess(
    @Body() body: GuestVerifyRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GuestAccessResponse | CodeSentResponse> {
    const result = await this.commands.execute(
      new VerifyGuestAccessCommand(body.reference, contactOf(body), body.code, request.ip),
    );
    if (result.status === 'code_sent') {
      reply.status(202);
      return codeSent(result.expiresInSeconds);
    }
    reply.status(200);
    return {
      status: 'granted',
      booking: result.booking,
      accessToken: result.accessToken,
      expiresAt: result.expiresAt,
    };
  }
}
