import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { UuidParam } from '../http/validation';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/auth';
import {
  CancelTripCommand,
  DelayTripCommand,
  RegisterBusCommand,
  ScheduleTripCommand,
} from '@app/seating';
import { Authenticated, CurrentActor } from '../http/auth';
import { Problems } from '../http/problems';
import {
  BusResponse,
  CancelTripRequest,
  DelayTripRequest,
  RegisterBusRequest,
  ScheduleTripRequest,
  TripCancellationResponse,
  TripDelayResponse,
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

  @Post('trips/:tripId/delay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Delay a trip: a later departure, bookings follow, contacts mailed',
    description:
      'Moves the departure later (the arrival by as much) in one append to the trip’s seat ' +
      'allocation; holds and bookings stay, the seat feed sends `trip:delayed`. The worker then ' +
      'moves each live booking to the new times — refund tiers, payment window, seat-change ' +
      'cutoff and boarding follow the new departure, tickets show it — and e-mails its contact. ' +
      'When the trip is late by more than DELAY_FREE_CANCELLATION_MINUTES from its scheduled ' +
      'departure, those booked may cancel with a full refund for DELAY_FREE_CANCELLATION_HOURS. ' +
      'A booking decided on the old departure meanwhile is refused with `trip.rescheduled`. ' +
      'Not after departure; at most a week after the scheduled departure.',
  })
  @ApiOkResponse({ type: TripDelayResponse })
  @Problems(
    'trip.not_found',
    'trip.cancelled',
    'trip.departed',
    'trip.delay_not_later',
    'trip.delay_too_long',
    'stream.version_conflict',
  )
  delayTrip(
    @CurrentActor() actor: Actor,
    @UuidParam('tripId') tripId: string,
    @Body() body: DelayTripRequest,
  ): Promise<TripDelayResponse> {
    return this.commands.execute(
      new DelayTripCommand(actor, tripId, new Date(body.newDepartureAt), body.reason),
    );
  }
}
