import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { UuidParam } from '../http/validation';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/auth';
import {
  AdminTripPage,
  AdminTripsQuery,
  BusPage,
  CancelTripCommand,
  ChangeTripFaresCommand,
  CloseTripSalesCommand,
  DelayTripCommand,
  GetBusQuery,
  ListBusesQuery,
  OpenTripSalesCommand,
  RegisterBusCommand,
  ScheduleTripCommand,
  UpdateBusCommand,
  UpdateTripCommand,
} from '@app/seating';
import { PageRequest } from '../http/page.dto';
import { Authenticated, CurrentActor } from '../http/auth';
import { Problems } from '../http/problems';
import {
  AdminTripPageResponse,
  BusPageResponse,
  BusResponse,
  CloseTripSalesRequest,
  FaresDto,
  ListTripsRequest,
  UpdateBusRequest,
  UpdateTripRequest,
  CancelTripRequest,
  DelayTripRequest,
  RegisterBusRequest,
  ScheduleTripRequest,
  TripCancellationResponse,
  TripDelayResponse,
  TripResponse,
} from './catalog.dto';

/** Why an operator's change to a trip is refused: unknown, cancelled, departed, or raced. */
const TRIP_OPEN_PROBLEMS = [
  'trip.not_found',
  'trip.cancelled',
  'trip.departed',
  'stream.version_conflict',
] as const;

@ApiTags('Catalog (admin)')
@Controller('admin')
@Authenticated('admin')
export class AdminCatalogController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('buses')
  @ApiOperation({ summary: 'The registered buses, newest first' })
  @ApiOkResponse({ type: BusPageResponse })
  listBuses(@CurrentActor() actor: Actor, @Query() page: PageRequest): Promise<BusPage> {
    return this.queries.execute(
      new ListBusesQuery(actor, { limit: page.limit ?? 20, offset: page.offset ?? 0 }),
    );
  }

  @Get('buses/:busId')
  @ApiOperation({ summary: 'One bus and its seat layout' })
  @ApiOkResponse({ type: BusResponse })
  @Problems('bus.not_found')
  getBus(@CurrentActor() actor: Actor, @UuidParam('busId') busId: string): Promise<BusResponse> {
    return this.queries.execute(new GetBusQuery(actor, busId));
  }

  @Patch('buses/:busId')
  @ApiOperation({
    summary: 'Rename or re-plate a bus',
    description:
      'Its seat layout never changes (trips and holds name its seats): register another bus ' +
      'and move the trips not yet booked to it (PATCH /admin/trips/{tripId} busId).',
  })
  @ApiOkResponse({ type: BusResponse })
  @Problems('bus.not_found', 'bus.plate_number_taken', 'stream.version_conflict')
  updateBus(
    @CurrentActor() actor: Actor,
    @UuidParam('busId') busId: string,
    @Body() body: UpdateBusRequest,
  ): Promise<BusResponse> {
    return this.commands.execute(new UpdateBusCommand(actor, busId, body));
  }

  @Get('trips')
  @ApiOperation({
    summary: 'Trips for the operator, with seats booked and held now',
    description: 'The same filters as GET /trips; `includeDeparted=true` lists past trips too.',
  })
  @ApiOkResponse({ type: AdminTripPageResponse })
  listAdminTrips(
    @CurrentActor() actor: Actor,
    @Query() query: ListTripsRequest,
  ): Promise<AdminTripPage> {
    return this.queries.execute(new AdminTripsQuery(actor, query));
  }

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
  @Problems(...TRIP_OPEN_PROBLEMS)
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
  @Problems(...TRIP_OPEN_PROBLEMS, 'trip.delay_not_later', 'trip.delay_too_long')
  delayTrip(
    @CurrentActor() actor: Actor,
    @UuidParam('tripId') tripId: string,
    @Body() body: DelayTripRequest,
  ): Promise<TripDelayResponse> {
    return this.commands.execute(
      new DelayTripCommand(actor, tripId, new Date(body.newDepartureAt), body.reason),
    );
  }

  @Patch('trips/:tripId')
  @ApiOperation({
    summary: 'Edit a trip before anything is booked on it: route, times, bus, seat limit',
    description:
      'Refused with `trip.has_bookings` once a booking owns a seat (delay or cancel the trip ' +
      'then), and a change of bus with `trip.has_holds` while seats are held. Decided on the ' +
      'trip’s seat allocation, so no booking slips in between. A booking decided on the old ' +
      'departure meanwhile is refused with `trip.rescheduled`.',
  })
  @ApiOkResponse({ type: TripResponse })
  @Problems(
    ...TRIP_OPEN_PROBLEMS,
    'trip.has_bookings',
    'trip.has_holds',
    'trip.unknown_bus',
    'trip.fare_missing',
    'trip.fare_currency',
    'trip.departure_in_past',
    'trip.invalid_schedule',
    'trip.same_origin_destination',
  )
  updateTrip(
    @CurrentActor() actor: Actor,
    @UuidParam('tripId') tripId: string,
    @Body() body: UpdateTripRequest,
  ): Promise<TripResponse> {
    const { departureAt, arrivalAt, ...rest } = body;
    return this.commands.execute(
      new UpdateTripCommand(actor, tripId, {
        ...rest,
        ...(departureAt ? { departureAt: new Date(departureAt) } : {}),
        ...(arrivalAt ? { arrivalAt: new Date(arrivalAt) } : {}),
      }),
    );
  }

  @Put('trips/:tripId/fares')
  @ApiOperation({
    summary: 'Set the trip’s fares per seat type',
    description:
      'Any time before departure; bookings made from now on pay them (a client that shows the ' +
      'old total gets `price.changed` when it books with expectedTotal). Existing bookings keep ' +
      'their price.',
  })
  @ApiOkResponse({ type: TripResponse })
  @Problems(...TRIP_OPEN_PROBLEMS, 'trip.fare_missing', 'trip.fare_currency')
  setTripFares(
    @CurrentActor() actor: Actor,
    @UuidParam('tripId') tripId: string,
    @Body() body: FaresDto,
  ): Promise<TripResponse> {
    return this.commands.execute(new ChangeTripFaresCommand(actor, tripId, body));
  }

  @Post('trips/:tripId/close-sales')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close sales: no new holds, bookings or waiting-list places',
    description:
      'Refused with 409 `trip.sales_closed` until sales open again; holds already taken lapse, ' +
      'pending bookings may still be paid. Closing closed sales changes nothing.',
  })
  @ApiOkResponse({ type: TripResponse })
  @Problems(...TRIP_OPEN_PROBLEMS)
  closeTripSales(
    @CurrentActor() actor: Actor,
    @UuidParam('tripId') tripId: string,
    @Body() body: CloseTripSalesRequest,
  ): Promise<TripResponse> {
    return this.commands.execute(new CloseTripSalesCommand(actor, tripId, body.reason));
  }

  @Post('trips/:tripId/open-sales')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open sales again' })
  @ApiOkResponse({ type: TripResponse })
  @Problems(...TRIP_OPEN_PROBLEMS)
  openTripSales(
    @CurrentActor() actor: Actor,
    @UuidParam('tripId') tripId: string,
  ): Promise<TripResponse> {
    return this.commands.execute(new OpenTripSalesCommand(actor, tripId));
  }
}
