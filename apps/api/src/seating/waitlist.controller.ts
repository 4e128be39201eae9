import { Body, Controller, Delete, Get, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/auth';
import { PiiCipher } from '@app/privacy';
import {
  GetWaitlistEntryQuery,
  holderOf,
  JoinWaitlistCommand,
  LeaveWaitlistCommand,
} from '@app/seating';
import { Authenticated, CurrentActor } from '../http/auth';
import { Idempotent } from '../http/idempotency';
import { guestOrigin } from '../http/client-address';
import { Problems } from '../http/problems';
import { UuidParam } from '../http/validation';
import { JoinWaitlistRequest, LeftWaitlistResponse, WaitlistEntryResponse } from './waitlist.dto';

@ApiTags('Waiting list')
@Controller('trips/:tripId/waitlist')
export class WaitlistController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly cipher: PiiCipher,
  ) {}

  @Post()
  @HttpCode(201)
  @Authenticated()
  @Idempotent()
  @ApiOperation({
    summary: 'Join the waiting list of a trip that has fewer free seats than you want',
    description:
      'A user or a guest session waits for `seats` seats (of `seatType`, if given). When seats ' +
      'free up (a hold expires or is released, a booking or one passenger is cancelled, a ' +
      'passenger changes seats) they are offered in the order parties joined: the first party ' +
      'whose request the free seats meet gets them as a hold of its own for ' +
      'WAITLIST_OFFER_SECONDS, is e-mailed a link, and hears `holds:changed` on the seat feed; ' +
      'a party too large for what is free keeps its place. An offer not booked in time lapses ' +
      'and its seats go to the next party. Seats are never free for others in between. The ' +
      'list closes at departure. One place per caller and trip.',
  })
  @ApiCreatedResponse({ type: WaitlistEntryResponse })
  @Problems(
    'waitlist.seats_available',
    'waitlist.already_joined',
    'waitlist.no_such_seats',
    'waitlist.guest_address_limit',
    'seat.limit_exceeded',
    'trip.departed',
    'trip.cancelled',
    'trip.sales_closed',
    'trip.not_found',
    'stream.version_conflict',
  )
  join(
    @CurrentActor() actor: Actor,
    @UuidParam('tripId') tripId: string,
    @Body() body: JoinWaitlistRequest,
    @Req() request: FastifyRequest,
  ): Promise<WaitlistEntryResponse> {
    const origin = guestOrigin(actor, request.ip, this.cipher);
    return this.commands.execute(
      new JoinWaitlistCommand(
        actor,
        tripId,
        { seats: body.seats, seatType: body.seatType, email: body.contact.email },
        origin,
      ),
    );
  }

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: "Your place on the trip's waiting list (or the offer you were made)",
  })
  @ApiOkResponse({ type: WaitlistEntryResponse })
  @Problems('waitlist.not_found', 'trip.not_found')
  mine(
    @CurrentActor() actor: Actor,
    @UuidParam('tripId') tripId: string,
  ): Promise<WaitlistEntryResponse> {
    return this.queries.execute(new GetWaitlistEntryQuery(tripId, holderOf(actor)));
  }

  @Delete()
  @Authenticated()
  @ApiOperation({ summary: "Leave the trip's waiting list" })
  @ApiOkResponse({ type: LeftWaitlistResponse })
  @Problems('waitlist.not_found', 'trip.not_found', 'stream.version_conflict')
  leave(
    @CurrentActor() actor: Actor,
    @UuidParam('tripId') tripId: string,
  ): Promise<LeftWaitlistResponse> {
    return this.commands.execute(new LeaveWaitlistCommand(actor, tripId));
  }
}
