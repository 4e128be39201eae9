import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SEAT_TYPES, SeatType } from '@app/seating';
import { PageRequest } from '../http/page.dto';
import {
  IsCalendarDate,
  RepeatedQuery,
  RFC3339,
  RFC3339_MESSAGE,
  SEAT_NUMBER,
} from '../http/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class MoneyDto {
  @ApiProperty({ type: 'integer', example: 450000, description: 'Integer minor units' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  amount: number;

  @ApiProperty({ example: 'VND' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as VND' })
  currency: string;
}

export class SeatLayoutDto {
  @ApiProperty({ example: 'A01', description: 'Unique per bus; letters, digits and hyphens' })
  @IsString()
  @Transform(trim)
  @Matches(SEAT_NUMBER, { message: 'seatNumber must be 1-8 letters, digits or hyphens' })
  seatNumber: string;

  @ApiProperty({ type: 'integer', example: 1, minimum: 1, maximum: 3 })
  @IsInt()
  @Min(1)
  @Max(3)
  deck: number;

  @ApiProperty({ type: 'integer', example: 1, minimum: 1, maximum: 60 })
  @IsInt()
  @Min(1)
  @Max(60)
  row: number;

  @ApiProperty({ type: 'integer', example: 1, minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  col: number;

  @ApiProperty({ enum: SEAT_TYPES, example: 'sleeper' })
  @IsIn(SEAT_TYPES)
  type: SeatType;

  @ApiPropertyOptional({ description: 'An accessible seat (default false)' })
  @IsOptional()
  @IsBoolean()
  accessible?: boolean;
}

export class RegisterBusRequest {
  @ApiProperty({ example: 'Sapa Express 01' })
  @IsString()
  @Transform(trim)
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: '29B-123.45' })
  @IsString()
  @Transform(trim)
  @Matches(/^[A-Za-z0-9 .-]{4,15}$/, {
    message: 'plateNumber must be 4-15 letters, digits, spaces, dots or hyphens',
  })
  plateNumber: string;

  @ApiProperty({ type: [SeatLayoutDto] })
  @IsArray()
  @IsObject({ each: true, message: 'each seat must be an object' })
  @ValidateNested({ each: true })
  @Type(() => SeatLayoutDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(120)
  seats: SeatLayoutDto[];
}

export class SeatLayoutResponse {
  @ApiProperty() seatNumber: string;
  @ApiProperty({ type: 'integer' }) deck: number;
  @ApiProperty({ type: 'integer' }) row: number;
  @ApiProperty({ type: 'integer' }) col: number;
  @ApiProperty({ enum: SEAT_TYPES }) type: SeatType;
  @ApiProperty() accessible: boolean;
}

export class BusResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() plateNumber: string;
  @ApiProperty({ type: [SeatLayoutResponse] }) seats: SeatLayoutResponse[];
}

export class FaresDto {
  @ApiProperty({ type: MoneyDto })
  @IsObject({ message: 'fares.standard must be an object' })
  @ValidateNested()
  @Type(() => MoneyDto)
  standard: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto })
  @IsOptional()
  @IsObject({ message: 'fares.limousine must be an object' })
  @ValidateNested()
  @Type(() => MoneyDto)
  limousine?: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto })
  @IsOptional()
  @IsObject({ message: 'fares.sleeper must be an object' })
  @ValidateNested()
  @Type(() => MoneyDto)
  sleeper?: MoneyDto;
}

export class ScheduleTripRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  busId: string;

  @ApiProperty({ example: 'Hà Nội' })
  @IsString()
  @Transform(trim)
  @Length(1, 100)
  origin: string;

  @ApiProperty({ example: 'Sa Pa' })
  @IsString()
  @Transform(trim)
  @Length(1, 100)
  destination: string;

  @ApiProperty({ example: '2026-12-01T15:00:00Z' })
  @IsISO8601({ strict: true })
  @Matches(RFC3339, { message: RFC3339_MESSAGE })
  @IsCalendarDate()
  departureAt: string;

  @ApiProperty({ example: '2026-12-01T21:00:00Z' })
  @IsISO8601({ strict: true })
  @Matches(RFC3339, { message: RFC3339_MESSAGE })
  @IsCalendarDate()
  arrivalAt: string;

  @ApiProperty({ type: FaresDto, description: 'A fare for every seat type the bus has' })
  @IsObject({ message: 'fares must be an object' })
  @ValidateNested()
  @Type(() => FaresDto)
  fares: FaresDto;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 50,
    description: 'Defaults to MAX_SEATS_PER_BOOKING',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  maxSeatsPerBooking?: number;
}

export class TripBusResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() plateNumber: string;
  @ApiProperty({ type: 'integer' }) seatCount: number;
}

export class FaresResponse {
  @ApiProperty({ type: MoneyDto }) standard: MoneyDto;
  @ApiPropertyOptional({ type: MoneyDto }) limousine?: MoneyDto;
  @ApiPropertyOptional({ type: MoneyDto }) sleeper?: MoneyDto;
}

export class TripCancellationInfo {
  @ApiProperty({ description: 'Why the operator cancelled the trip' }) reason: string;
  @ApiProperty({ format: 'date-time' }) cancelledAt: string;
}

export class TripDelayInfo {
  @ApiProperty({ format: 'date-time', description: 'The departure first scheduled' })
  scheduledDepartureAt: string;
  @ApiProperty({ type: 'integer', description: 'Minutes late, from the scheduled departure' })
  minutes: number;
  @ApiProperty({ description: 'Why, as the operator gave it' }) reason: string;
  @ApiProperty({ format: 'date-time', description: 'When the latest delay was announced' })
  delayedAt: string;
}

export class TripSalesClosedInfo {
  @ApiPropertyOptional({ description: 'Why, as the operator gave it' }) reason?: string;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
}

export class TripResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() origin: string;
  @ApiProperty() destination: string;
  @ApiProperty({ format: 'date-time' }) departureAt: string;
  @ApiProperty({ format: 'date-time' }) arrivalAt: string;
  @ApiProperty({ type: 'integer' }) durationMinutes: number;
  @ApiProperty({ enum: ['scheduled', 'departed', 'arrived', 'cancelled'] }) status: string;
  @ApiProperty({ type: TripBusResponse }) bus: TripBusResponse;
  @ApiProperty({ type: FaresResponse }) fares: FaresResponse;
  @ApiProperty({ type: 'integer' }) maxSeatsPerBooking: number;
  @ApiPropertyOptional({ type: TripCancellationInfo, description: 'Status `cancelled`: why, when' })
  cancellation?: TripCancellationInfo;
  @ApiPropertyOptional({
    type: TripDelayInfo,
    description: 'Delayed by the operator: departureAt and arrivalAt are the new times',
  })
  delay?: TripDelayInfo;
  @ApiProperty({
    description:
      'Seats are on sale: false when the trip is cancelled or the operator closed its sales (holds, bookings and waiting-list places are refused)',
  })
  salesOpen: boolean;
  @ApiPropertyOptional({ type: TripSalesClosedInfo, description: 'Sales closed by the operator' })
  salesClosed?: TripSalesClosedInfo;
}

export class TripPageResponse {
  @ApiProperty({ type: [TripResponse] }) items: TripResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

@RepeatedQuery()
export class ListTripsRequest extends PageRequest {
  @ApiPropertyOptional({ example: 'Hà Nội', description: 'Case-insensitive' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  origin?: string;

  @ApiPropertyOptional({ example: 'Sa Pa', description: 'Case-insensitive' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  destination?: string;

  @ApiPropertyOptional({
    example: '2026-12-01',
    format: 'date',
    description: 'Departure date in the catalog time zone',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be YYYY-MM-DD' })
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ default: false, description: 'Also list trips that have departed' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeDeparted?: boolean;
}

export class SeatResponse {
  @ApiProperty({ example: 'A01' }) seatNumber: string;
  @ApiProperty({ type: 'integer' }) deck: number;
  @ApiProperty({ type: 'integer' }) row: number;
  @ApiProperty({ type: 'integer' }) col: number;
  @ApiProperty({ enum: SEAT_TYPES }) type: SeatType;
  @ApiProperty() accessible: boolean;
  @ApiProperty({ type: MoneyDto }) price: MoneyDto;
  @ApiProperty({ enum: ['available', 'locked', 'booked'] }) status: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Locked seats: when the hold ends unless extended',
  })
  expiresAt?: string;
  @ApiProperty({ description: 'The seat is held by the caller' }) heldByYou: boolean;
}

export class SeatMapResponse {
  @ApiProperty({ enum: ['map'], description: 'The whole map (discriminates it from changes)' })
  kind: 'map';
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ type: 'integer', description: 'Seat allocation version; also the ETag' })
  version: number;
  @ApiProperty({ type: [SeatResponse] }) seats: SeatResponse[];
}

@RepeatedQuery()
export class SeatMapRequest {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description:
      'Polling: only the seats changed since this version (from an earlier answer). A version ' +
      'too old or unknown gets the whole map instead.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  sinceVersion?: number;

  /** Cache busters that polling libraries append (`?_=1700000000000`) are accepted and ignored. */
  @ApiHideProperty()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  _?: string;
}

export class SeatChangeResponse {
  @ApiProperty({ example: 'A01' }) seatNumber: string;
  @ApiProperty({ enum: ['available', 'locked', 'booked'] }) status: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Locked seats: when the hold ends' })
  expiresAt?: string;
  @ApiProperty({ description: 'The seat is held by the caller' }) heldByYou: boolean;
}

export class SeatChangesResponse {
  @ApiProperty({ enum: ['changes'], description: 'Only what changed since `fromVersion`' })
  kind: 'changes';
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ type: 'integer', description: 'The version asked for (sinceVersion)' })
  fromVersion: number;
  @ApiProperty({
    type: 'integer',
    description: 'The current version; pass it as sinceVersion next time',
  })
  version: number;
  @ApiProperty({ type: [SeatChangeResponse], description: 'Current status of each changed seat' })
  changes: SeatChangeResponse[];
}

export class CancelTripRequest {
  @ApiProperty({
    example: 'Road closed by a landslide',
    description: 'Why, as passengers are told in their e-mail',
    minLength: 1,
    maxLength: 500,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class TripCancellationResponse {
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ enum: ['cancelled'] }) status: 'cancelled';
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) cancelledAt: string;
  @ApiProperty({ type: 'integer', description: 'Holds ended by the cancellation' })
  holdsReleased: number;
}

export class DelayTripRequest {
  @ApiProperty({
    example: '2026-12-01T16:30:00Z',
    description:
      'The new departure: later than the current one, at most a week after the scheduled one',
  })
  @IsISO8601({ strict: true })
  @Matches(RFC3339, { message: RFC3339_MESSAGE })
  @IsCalendarDate()
  newDepartureAt: string;

  @ApiProperty({
    example: 'Flooding on the pass',
    description: 'Why, as passengers are told in their e-mail',
    minLength: 1,
    maxLength: 500,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class TripDelayResponse {
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ format: 'date-time', description: 'The new departure' }) departureAt: string;
  @ApiProperty({
    format: 'date-time',
    description: 'The new arrival (the journey keeps its length)',
  })
  arrivalAt: string;
  @ApiProperty({ format: 'date-time' }) previousDepartureAt: string;
  @ApiProperty({ format: 'date-time' }) scheduledDepartureAt: string;
  @ApiProperty({ type: 'integer', description: 'Minutes late, from the scheduled departure' })
  delayMinutes: number;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) delayedAt: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Set when the delay exceeds DELAY_FREE_CANCELLATION_MINUTES: those booked may cancel with a full refund until then',
  })
  freeCancellationUntil?: string;
}

export class UpdateBusRequest {
  @ApiPropertyOptional({ example: 'Sapa Express 02' })
  @IsOptional()
  @IsString()
  @Transform(trim)
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ example: '29B-678.90' })
  @IsOptional()
  @IsString()
  @Transform(trim)
  @Matches(/^[A-Za-z0-9 .-]{4,15}$/, {
    message: 'plateNumber must be 4-15 letters, digits, spaces, dots or hyphens',
  })
  plateNumber?: string;
}

export class BusSummaryResponse extends BusResponse {
  @ApiProperty({ type: 'integer' }) seatCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class BusPageResponse {
  @ApiProperty({ type: [BusSummaryResponse] }) items: BusSummaryResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

export class AdminTripResponse extends TripResponse {
  @ApiProperty({ type: 'integer', description: 'Seats owned by live bookings' })
  seatsBooked: number;
  @ApiProperty({ type: 'integer', description: 'Seats held now' }) seatsHeld: number;
}

export class AdminTripPageResponse {
  @ApiProperty({ type: [AdminTripResponse] }) items: AdminTripResponse[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}

export class UpdateTripRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Another bus (no seat may be held)' })
  @IsOptional()
  @IsUUID()
  busId?: string;

  @ApiPropertyOptional({ example: 'Hà Nội' })
  @IsOptional()
  @IsString()
  @Transform(trim)
  @Length(1, 100)
  origin?: string;

  @ApiPropertyOptional({ example: 'Sa Pa' })
  @IsOptional()
  @IsString()
  @Transform(trim)
  @Length(1, 100)
  destination?: string;

  @ApiPropertyOptional({
    example: '2026-12-01T15:00:00Z',
    description: 'Alone, the arrival moves by as much',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(RFC3339, { message: RFC3339_MESSAGE })
  @IsCalendarDate()
  departureAt?: string;

  @ApiPropertyOptional({ example: '2026-12-01T21:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(RFC3339, { message: RFC3339_MESSAGE })
  @IsCalendarDate()
  arrivalAt?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  maxSeatsPerBooking?: number;
}

export class CloseTripSalesRequest {
  @ApiPropertyOptional({ example: 'Reserved for a group', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}
