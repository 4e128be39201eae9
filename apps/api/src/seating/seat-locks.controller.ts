import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor } from '@app/auth';
import {
  ExtendSeatLockCommand,
  GetLockStatusQuery,
  holderOf,
  LockSeatsCommand,
  ReleaseSeatLockCommand,
} from '@app/seating';
import { Authenticated, CurrentActor } from '../http/auth';
import { Idempotent } from '../http/idempotency';
import { ProblemResponse } from '../http/problem.dto';
import { UuidParam } from '../http/validation';
import {
  ExtendedLockResponse,
  LockResponse,
  LockSeatsRequest,
  LockStatusRequest,
  LockStatusResponse,
  ReleasedLockResponse,
} from './seat-locks.dto';

@ApiTags('Seat holds')
@Controller('seats/lock')
@ApiBadRequestResponse({ description: 'Malformed input', type: ProblemResponse })
export class SeatLocksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @Authenticated()
  @Idempotent()
  @ApiOperation({
    summary: 'Hold seats of a trip, all or nothing',
    description:
      'Seats the caller already holds are moved into the new hold. The hold lasts SEAT_LOCK_TTL_SECONDS ' +
      'and can be extended up to SEAT_LOCK_MAX_LIFETIME_SECONDS from creation.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Replays the first answer for the same body',
  })
  @ApiCreatedResponse({ type: LockResponse })
  @ApiConflictResponse({
    description: 'seat.unavailable, with `conflicts` listing every taken seat',
    type: ProblemResponse,
  })
  @ApiUnprocessableEntityResponse({
    description:
      'seat.limit_exceeded, seat.unknown, seat.duplicate, trip.departed, idempotency.key_reused',
    type: ProblemResponse,
  })
  @ApiNotFoundResponse({ description: 'trip.not_found', type: ProblemResponse })
  lock(@CurrentActor() actor: Actor, @Body() body: LockSeatsRequest): Promise<LockResponse> {
    return this.commands.execute(new LockSeatsCommand(actor, body.tripId, body.seatNumbers));
  }

  @Patch(':lockId/extend')
  @Authenticated()
  @ApiOperation({ summary: 'Extend a hold to now + TTL, never past its maximum lifetime' })
  @ApiOkResponse({ type: ExtendedLockResponse })
  @ApiNotFoundResponse({
    description: 'lock.not_found: expired, released or not yours',
    type: ProblemResponse,
  })
  @ApiUnprocessableEntityResponse({ description: 'lock.max_lifetime', type: ProblemResponse })
  extend(
    @CurrentActor() actor: Actor,
    @UuidParam('lockId') lockId: string,
  ): Promise<ExtendedLockResponse> {
    return this.commands.execute(new ExtendSeatLockCommand(actor, lockId));
  }

  @Delete(':lockId')
  @Authenticated()
  @ApiOperation({ summary: 'Release a hold; releasing it again answers the same' })
  @ApiOkResponse({ type: ReleasedLockResponse })
  @ApiNotFoundResponse({ description: 'lock.not_found: not yours', type: ProblemResponse })
  release(
    @CurrentActor() actor: Actor,
    @UuidParam('lockId') lockId: string,
  ): Promise<ReleasedLockResponse> {
    return this.commands.execute(new ReleaseSeatLockCommand(actor, lockId));
  }

  @Get(':tripId/status')
  @ApiOperation({ summary: 'Status of some or all seats of a trip; heldByYou needs a token' })
  @ApiOkResponse({ type: LockStatusResponse })
  @ApiNotFoundResponse({ description: 'trip.not_found', type: ProblemResponse })
  @ApiUnprocessableEntityResponse({ description: 'seat.unknown', type: ProblemResponse })
  status(
    @UuidParam('tripId') tripId: string,
    @Query() query: LockStatusRequest,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<LockStatusResponse> {
    return this.queries.execute(
      new GetLockStatusQuery(tripId, actor && holderOf(actor), query.seatNumbers),
    );
  }
}
