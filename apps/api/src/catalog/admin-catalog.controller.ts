import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { UuidParam } from '../http/validation';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/auth';
import { CancelTripCommand, RegisterBusCommand, ScheduleTripCommand } from '@app/seating';
import { Authenticated, CurrentActor } from '../http/auth';
import { Problems } from '../http/problems';
import {
  BusResponse,
  CancelTripRequest,
  RegisterBusRequest,
  ScheduleTripRequest,
  TripCancellationResponse,
  TripResponse,
} from './catalog.dto';

@ApiTags('Catalog (admin)')
@Controller('admin')
@Authenticated('admin')
export class AdminCatalogController {
  constructor(private readonly commands: CommandBus) {}

  @Post('buses')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a bus and its seat layout' })
  @ApiCreatedResponse({ type: BusResponse })
  @Problems('bus.plate_number_taken', 'layout.duplicate_seat_number', 'layout.overlapping_position')
  registerBus(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterBusRequest,
  ): Promise<BusResponse> {
    return this.commands.execute(new RegisterBusCommand(actor, body));
  }

  @Post('trips')
  @HttpCode(201)
  @ApiOperation({ summary: 'Schedule a trip of a registered bus' })
  @ApiCreatedResponse({ type: TripResponse })
  @Problems(
    'trip.unknown_bus',
    'trip.fare_missing',
    'trip.fare_currency',
    'trip.departure_in_past',
    'trip.invalid_schedule',
    'trip.same_origin_destination',
  )
  scheduleTrip(
    @CurrentActor() actor: Actor,
    @Body() body: ScheduleTripRequest,
  ): Promise<TripResponse> {
    return this.commands.execute(new ScheduleTripCommand(actor, body));
  }

  @Post('trips/:tripId/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cancel a trip: holds end, bookings are cancelled and refunded in full, contacts mailed',
    description:
      'At once, in one append to the trip’s seat allocation: every hold is released (holders ' +
      'hear `holds:changed`), the seat feed sends `trip:cancelled`, and new holds, bookings and ' +
      'waiting-list places are refused with `trip.cancelled`. Then the worker’s saga cancels each ' +
      'booking of the trip (reason `trip_cancelled`; a paid one refunded 100 %) and e-mails its ' +
      'contact; it resumes after a restart and cancels no booking twice. Not after departure.',
  })
  @ApiOkResponse({ type: TripCancellationResponse })
  @Problems('trip.not_found', 'trip.cancelled', 'trip.departed', 'stream.version_conflict')
  cancelTrip(
    @CurrentActor() actor: Actor,
    @UuidParam('tripId') tripId: string,
    @Body() body: CancelTripRequest,
  ): Promise<TripCancellationResponse> {
    return this.commands.execute(new CancelTripCommand(actor, tripId, body.reason));
  }
}
