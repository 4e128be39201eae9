import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, hasRole, isAdmin } from '@app/auth';
import { DomainError } from '@app/errors';
import {
  EmailTicketCommand,
  GetETicketPreviewQuery,
  IssueETicketCommand,
  IssuedTicket,
  ListTicketRevocationsQuery,
  TicketCheck,
  TicketRevocationsPage,
  TICKET_REFUSALS,
  TicketSigner,
  VerifyTicketCommand,
} from '@app/ticketing';
import { Authenticated, CurrentActor } from '../http/auth';
import { Problems } from '../http/problems';
import { UuidParam } from '../http/validation';
import {
  EmailJobResponse,
  PublicKeyResponse,
  TicketCheckResponse,
  TicketRevocationsRequest,
  TicketRevocationsResponse,
  VerifyTicketRequest,
} from './tickets.dto';

@ApiTags('E-tickets')
@Controller('bookings/:bookingId/e-ticket')
@Authenticated()
@Problems('booking.not_found', 'ticket.not_available', 'ticket.void')
export class BookingTicketController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The e-ticket PDF (A4, one QR code per passenger)',
    description: 'The archived PDF; generated once and archived when there is none yet.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'application/pdf', schema: { type: 'string', format: 'binary' } })
  async getETicket(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ticket: IssuedTicket = await this.commands.execute(
      new IssueETicketCommand(actor, bookingId),
    );
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="e-ticket-${ticket.reference}.pdf"`)
      .header('cache-control', 'private, no-cache')
      .header('last-modified', ticket.generatedAt.toUTCString())
      .send(ticket.pdf);
  }

  @Get('preview')
  @ApiOperation({ summary: 'The e-ticket as an HTML page (print- and mobile-friendly)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'text/html', schema: { type: 'string' } })
  async getETicketPreview(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const html: string = await this.queries.execute(new GetETicketPreviewQuery(actor, bookingId));
    await reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'private, no-cache')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      )
      .send(html);
  }
}

@ApiTags('E-tickets')
@Controller('bookings/:bookingId')
@Authenticated()
@Problems('booking.not_found', 'ticket.not_available', 'ticket.void', 'rate_limited')
export class EmailTicketController {
  constructor(private readonly commands: CommandBus) {}

  @Post('email-ticket')
  @HttpCode(202)
  @ApiOperation({
    summary: 'E-mail the e-ticket again (PDF attached) to the contact and passengers',
    description:
      'Queued; each attempt (sent, or failed with the reason) appears in the booking history. ' +
      'Failed attempts are retried with exponential backoff.',
  })
  @ApiAcceptedResponse({ type: EmailJobResponse })
  emailTicket(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
  ): Promise<{ jobId: string }> {
    return this.commands.execute(new EmailTicketCommand(actor, bookingId));
  }

  @Post('resend-confirmation')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send the booking confirmation again (reference, trip, e-ticket attached)',
    description:
      'For the owner, an admin, or a guest with an access token for this booking. The ' +
      'confirmation exists once the booking is paid; it goes to the contact and to passengers ' +
      'with an e-mail, queued and retried like the first one.',
  })
  @ApiAcceptedResponse({ type: EmailJobResponse })
  resendConfirmation(
    @CurrentActor() actor: Actor,
    @UuidParam('bookingId') bookingId: string,
  ): Promise<{ jobId: string }> {
    return this.commands.execute(new EmailTicketCommand(actor, bookingId));
  }
}

@ApiTags('E-tickets')
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly signer: TicketSigner,
  ) {}

  @Get('public-key')
  @ApiOperation({ summary: 'The public key that verifies ticket QR codes offline' })
  @ApiOkResponse({ type: PublicKeyResponse })
  getTicketPublicKey(): PublicKeyResponse {
    return {
      algorithm: 'Ed25519',
      publicKeyPem: this.signer.publicKeyPem(),
      jwk: this.signer.publicKeyJwk(),
      format: '<base64url(JSON claims)>.<base64url(Ed25519 signature of the first part’s bytes)>',
    };
  }

  @Get('revocations')
  @Authenticated()
  @ApiOperation({
    summary: 'Revoked e-tickets since a time, for scanners that check QR codes offline',
    description:
      'A passenger cancelled, a seat changed (the earlier revision), a booking cancelled: each ' +
      'revokes e-tickets by id (`<tid>.<rev>` of the QR claims). A scanner caches the ids, asks ' +
      'again with `since` = `until`, and refuses a signed ticket whose id is listed. Driver or ' +
      'admin role; up to 1,000 per page, oldest first.',
  })
  @ApiOkResponse({ type: TicketRevocationsResponse })
  @Problems('auth.forbidden')
  listTicketRevocations(
    @CurrentActor() actor: Actor,
    @Query() query: TicketRevocationsRequest,
  ): Promise<TicketRevocationsPage> {
    if (!isAdmin(actor) && !hasRole(actor, 'driver')) {
      throw new DomainError(
        'auth.forbidden',
        'The revocation list is for the driver and admin roles.',
      );
    }
    return this.queries.execute(
      new ListTicketRevocationsQuery(new Date(query.since), query.tripId),
    );
  }

  @Post('verify')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({
    summary: 'Check a scanned ticket; with board: true, let the passenger board (once)',
    description:
      'Checks the signature, the booking (confirmed, seat still the passenger’s) and the trip. ' +
      'The driver and admin roles get the reason and the ticket’s details; anyone else only ' +
      '`valid`. Boarding needs the driver or admin role; a second boarding of the same seat ' +
      'is refused.',
  })
  @ApiOkResponse({ type: TicketCheckResponse })
  @Problems(
    'auth.forbidden',
    ...TICKET_REFUSALS, // boarding on a ticket that is not valid is refused with its reason
    'ticket.already_boarded',
    'ticket.outside_boarding_window',
    'stream.version_conflict',
  )
  verifyTicket(
    @CurrentActor() actor: Actor,
    @Body() body: VerifyTicketRequest,
  ): Promise<TicketCheck> {
    return this.commands.execute(
      new VerifyTicketCommand(actor, body.payload, body.board ?? false, body.tripId),
    );
  }
}
