import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '@app/auth';
import { GetSeatMapQuery, GetTripQuery, holderOf, ListTripsQuery } from '@app/seating';
import { CurrentActor } from '../http/auth';
import { ProblemResponse } from '../http/problem.dto';
import { UuidParam } from '../http/validation';
import { ListTripsRequest, SeatMapResponse, TripPageResponse, TripResponse } from './catalog.dto';

@ApiTags('Catalog')
@Controller('trips')
@ApiBadRequestResponse({ description: 'Malformed parameters', type: ProblemResponse })
export class TripsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Upcoming trips, filtered by route and date, soonest first' })
  @ApiOkResponse({ type: TripPageResponse })
  list(@Query() query: ListTripsRequest): Promise<TripPageResponse> {
    return this.queries.execute(new ListTripsQuery(query));
  }

  @Get(':tripId')
  @ApiOperation({ summary: 'A trip with its route, bus and fares' })
  @ApiOkResponse({ type: TripResponse })
  @ApiNotFoundResponse({ description: 'trip.not_found', type: ProblemResponse })
  get(@UuidParam('tripId') tripId: string): Promise<TripResponse> {
    return this.queries.execute(new GetTripQuery(tripId));
  }

  @Get(':tripId/seats')
  @ApiOperation({ summary: 'The seat map: layout, prices and each seat’s status' })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'An ETag from an earlier answer',
  })
  @ApiOkResponse({
    type: SeatMapResponse,
    headers: { ETag: { description: 'The seat map version' } },
  })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag given in If-None-Match' })
  @ApiNotFoundResponse({ description: 'trip.not_found', type: ProblemResponse })
  async seats(
    @UuidParam('tripId') tripId: string,
    @CurrentActor() actor: Actor | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const seatMap = await this.queries.execute(
      new GetSeatMapQuery(tripId, actor && holderOf(actor)),
    );
    const etag = `"${seatMap.version}"`;
    // Seat maps differ per caller (heldByYou), so caches must key on the token.
    void reply
      .header('etag', etag)
      .header('cache-control', 'private, no-cache')
      .header('vary', 'Authorization');
    if (
      ifNoneMatch &&
      ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
    ) {
      await reply.status(304).send();
      return;
    }
    await reply.status(200).send(seatMap);
  }
}
