import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '@app/auth';
import { RegisterBusCommand, ScheduleTripCommand } from '@app/seating';
import { Authenticated, CurrentActor } from '../http/auth';
import { Problems } from '../http/problems';
import { BusResponse, RegisterBusRequest, ScheduleTripRequest, TripResponse } from './catalog.dto';

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
}
