import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor } from '@app/auth';
import { RegisterBusCommand, ScheduleTripCommand } from '@app/seating';
import { Authenticated, CurrentActor } from '../http/auth';
import { ProblemResponse } from '../http/problem.dto';
import { BusResponse, RegisterBusRequest, ScheduleTripRequest, TripResponse } from './catalog.dto';

@ApiTags('Catalog (admin)')
@Controller('admin')
@Authenticated('admin')
@ApiBadRequestResponse({ description: 'Malformed body', type: ProblemResponse })
export class AdminCatalogController {
  constructor(private readonly commands: CommandBus) {}

  @Post('buses')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a bus and its seat layout' })
  @ApiCreatedResponse({ type: BusResponse })
  @ApiConflictResponse({ description: 'bus.plate_number_taken', type: ProblemResponse })
  @ApiUnprocessableEntityResponse({
    description: 'layout.duplicate_seat_number, layout.overlapping_position',
    type: ProblemResponse,
  })
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
  @ApiUnprocessableEntityResponse({
    description:
      'trip.unknown_bus, trip.fare_missing, trip.fare_currency, trip.departure_in_past, trip.invalid_schedule, trip.same_origin_destination',
    type: ProblemResponse,
  })
  scheduleTrip(
    @CurrentActor() actor: Actor,
    @Body() body: ScheduleTripRequest,
  ): Promise<TripResponse> {
    return this.commands.execute(new ScheduleTripCommand(actor, body));
  }
}
