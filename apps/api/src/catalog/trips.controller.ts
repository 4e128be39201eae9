import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiSecurity,
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
import { Problems } from '../http/problems';
import { sharedAnswer } from '../http/shared-answers';
import { UuidParam } from '../http/validation';
import {
  ListTripsRequest,
  SeatChangesResponse,
  SeatMapRequest,
  SeatMapResponse,
  TripPageResponse,
  TripResponse,
} from './catalog.dto';
import { sendSeatMap, wholeMapAnswer } from './seat-map-answer';

@ApiTags('Catalog')
@Controller('trips')
export class TripsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Upcoming trips, filtered by route and date, soonest first' })
  @ApiOkResponse({ type: TripPageResponse })
  async listTrips(@Query() query: ListTripsRequest): Promise<TripPageResponse> {
    return sharedAnswer(await this.queries.execute(new ListTripsQuery(query)));
  }

  @Get(':tripId')
  @ApiOperation({ summary: 'A trip with its route, bus and fares' })
  @ApiOkResponse({ type: TripResponse })
  @Problems('trip.not_found')
  getTrip(@UuidParam('tripId') tripId: string): Promise<TripResponse> {
    return this.queries.execute(new GetTripQuery(tripId));
  }

  @Get(':tripId/seats')
  @ApiOperation({
    summary: 'The seat map: layout, prices and each seat’s status',
    description:
      'With `sinceVersion`, only the seats changed since that version (the polling fallback of ' +
      'the Socket.io feed); the whole map when that version is too old, or when the trip’s ' +
      'bus or fares changed since (`trip:updated` on the feed). `ETag` is the version; ' +
      '`If-None-Match` gives 304 unless a hold has lapsed since (its seats show free before ' +
      'its expiry is recorded, and the version moves on when it is).',
  })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'An ETag from an earlier answer',
    schema: { type: 'string' },
  })
  @ApiSecurity('bearer', [])
  @ApiSecurity({})
  @ApiExtraModels(SeatMapResponse, SeatChangesResponse)
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(SeatMapResponse) },
        { $ref: getSchemaPath(SeatChangesResponse) },
      ],
      discriminator: {
        propertyName: 'kind',
        mapping: {
          map: getSchemaPath(SeatMapResponse),
          changes: getSchemaPath(SeatChangesResponse),
        },
      },
    },
    headers: {
      ETag: { description: 'The seat map version, quoted', schema: { type: 'string' } },
    },
  })
  @ApiResponse({
    status: 304,
    description: 'Unchanged since the ETag given in If-None-Match',
    headers: { ETag: { description: 'The seat map version', schema: { type: 'string' } } },
  })
  @Problems('trip.not_found')
  async getSeatMap(
    @UuidParam('tripId') tripId: string,
    @Query() query: SeatMapRequest,
    @CurrentActor() actor: Actor | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const holder = actor && holderOf(actor);
    const read =
      query.sinceVersion === undefined
        ? wholeMapAnswer(await this.queries.execute(new GetSeatMapQuery(tripId, holder)))
        : await this.queries
            .execute(new GetSeatChangesQuery(tripId, query.sinceVersion, holder))
            .then(({ result, version, versionIsExact }) => ({
              body: { kind: 'seats' in result ? 'map' : 'changes', ...result },
              version,
              versionIsExact,
            }));
    await sendSeatMap(reply, read, ifNoneMatch);
  }
}
