import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { Actor } from '@app/auth';
import { PiiCipher } from '@app/privacy';
import {
  ExtendSeatLockCommand,
  GetLockStatusQuery,
  holderOf,
  LockSeatsCommand,
  ReleaseSeatLockCommand,
} from '@app/seating';
import { Authenticated, CurrentActor } from '../http/auth';
import { Idempotent } from '../http/idempotency';
import { RequestValidationError } from '../http/problem-details';
import { guestOrigin } from '../http/client-address';
import { Problems } from '../http/problems';
import { UuidParam } from '../http/validation';
import {
  ExtendedLockResponse,
  LockResponse,
  LockSeatsRequest,
  lockRequestViolations,
  LockStatusRequest,
  LockStatusResponse,
  ReleasedLockResponse,
} from './seat-locks.dto';

@ApiTags('Seat holds')
@Controller('seats/lock')
export class SeatLocksController {
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
    summary: 'Hold seats of a trip (named, or the best that fit), all or nothing',
    description:
      'Seats the caller already holds are moved into the new hold. The hold lasts SEAT_LOCK_TTL_SECONDS ' +
      'and can be extended up to SEAT_LOCK_MAX_LIFETIME_SECONDS from creation. With `count` instead ' +
      'of `seatNumbers` the service chooses the best free seats (scoring: fewest single seats ' +
      'left stranded in a row, then accessible seats kept for those who asked, then nearest the ' +
      'front: lower deck, row, column) at the moment the hold is decided.',
  })
  @ApiCreatedResponse({ type: LockResponse })
  @Problems(
    'seat.unavailable',
    'seat.none_fit',
    'seat.limit_exceeded',
    'seat.guest_share_exceeded',
    'seat.guest_address_limit',
    'seat.unknown',
    'seat.duplicate',
    'trip.departed',
    'trip.cancelled',
    'trip.sales_closed',
    'trip.not_found',
    'stream.version_conflict',
  )
  lockSeats(
    @CurrentActor() actor: Actor,
    @Body() body: LockSeatsRequest,
    @Req() request: FastifyRequest,
  ): Promise<LockResponse> {
    const violations = lockRequestViolations(body);
    if (violations.length > 0) throw new RequestValidationError(violations);
    const origin = guestOrigin(actor, request.ip, this.cipher);
    return this.commands.execute(
      new LockSeatsCommand(
        actor,
        body.tripId,
        body.seatNumbers ?? {
          count: body.count!,
          together: body.together,
          seatType: body.seatType,
          deck: body.deck,
          accessible: body.accessible,
        },
        origin,
      ),
    );
  }

  @Patch(':lockId/extend')
  @Authenticated()
  @ApiOperation({ summary: 'Extend a hold to now + TTL, never past its maximum lifetime' })
  @ApiOkResponse({ type: ExtendedLockResponse })
  @Problems('lock.not_found', 'lock.max_lifetime', 'stream.version_conflict')
  extendSeatLock(
    @CurrentActor() actor: Actor,
    @UuidParam('lockId') lockId: string,
  ): Promise<ExtendedLockResponse> {
    return this.commands.execute(new ExtendSeatLockCommand(actor, lockId));
  }

  @Delete(':lockId')
  @Authenticated()
  @ApiOperation({ summary: 'Release a hold; releasing it again answers the same' })
  @ApiOkResponse({ type: ReleasedLockResponse })
  @Problems('lock.not_found', 'stream.version_conflict')
  releaseSeatLock(
    @CurrentActor() actor: Actor,
    @UuidParam('lockId') lockId: string,
  ): Promise<ReleasedLockResponse> {
    return this.commands.execute(new ReleaseSeatLockCommand(actor, lockId));
  }

  @Get(':tripId/status')
  @ApiOperation({ summary: 'Status of some or all seats of a trip; heldByYou needs a token' })
  @ApiOkResponse({ type: LockStatusResponse })
  @ApiSecurity('bearer', [])
  @ApiSecurity({})
  @Problems('trip.not_found', 'seat.unknown')
  getSeatLockStatus(
    @UuidParam('tripId') tripId: string,
    @Query() query: LockStatusRequest,
    @CurrentActor() actor: Actor | undefined,
  ): Promise<LockStatusResponse> {
    return this.queries.execute(
      new GetLockStatusQuery(tripId, actor && holderOf(actor), query.seatNumbers),
    );
  }
}
