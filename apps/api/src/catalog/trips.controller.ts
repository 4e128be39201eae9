import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '@app/auth';
import {
  GetSeatChangesQuery,
  GetSeatMapQuery,
  GetTripQuery,
  holderOf,
  ListTripsQuery,
} from '@app/seating';
import { CurrentActor } from '../http/auth';
import { ProblemResponse } from '../http/problem.dto';
import { UuidParam } from '../http/validation';
import {
  ListTripsRequest,
  SeatChangesResponse,
  SeatMapRequest,
  SeatMapResponse,
  TripPageResponse,
  TripResponse,
} from './catalog.dto';

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
  @ApiOperation({
    summary: 'The seat map: layout, prices and each seat’s status',
    description:
      'With `sinceVersion`, only the seats changed since that version (the polling fallback of ' +
      'the Socket.io feed); the whole map when that version is too old. `ETag` names what the ' +
      'answer shows: the version, with a suffix once holds have lapsed without an event yet.',
  })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'An ETag from an earlier answer',
  })
  @ApiExtraModels(SeatMapResponse, SeatChangesResponse)
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(SeatMapResponse) },
        { $ref: getSchemaPath(SeatChangesResponse) },
      ],
    },
    headers: { ETag: { description: 'The seat map version' } },
  })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag given in If-None-Match' })
  @ApiNotFoundResponse({ description: 'trip.not_found', type: ProblemResponse })
  async seats(
    @UuidParam('tripId') tripId: string,
    @Query() query: SeatMapRequest,
    @CurrentActor() actor: Actor | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const holder = actor && holderOf(actor);
    const { tag, body } =
      query.sinceVersion === undefined
        ? await this.queries
            .execute(new GetSeatMapQuery(tripId, holder))
            .then(({ tag, seatMap }) => ({ tag, body: seatMap }))
        : await this.queries
            .execute(new GetSeatChangesQuery(tripId, query.sinceVersion, holder))
            .then(({ tag, result }) => ({ tag, body: result }));
    const etag = `"${tag}"`;
    // Seat maps differ per caller (heldByYou), so caches must key on the token.
    void reply
      .header('etag', etag)
      .header('cache-control', 'private, no-cache')
      .header('vary', 'Authorization');
    if (
      ifNoneMatch &&
      ifNoneMatch.split(',').some((given) => given.trim().replace(/^W\//, '') === etag)
    ) {
      await reply.status(304).send();
      return;
    }
    await reply.status(200).send(body);
  }
}
