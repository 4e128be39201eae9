import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import type { FieldViolation } from '@app/errors';
import { SEAT_TYPES, SeatType } from '@app/seating';
import { SEAT_NUMBER, SEAT_NUMBER_MESSAGE } from '../http/validation';

/** Seats by number, or — with `count` instead — the best free seats that fit. */
export class LockSeatsRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  tripId: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['A01', 'A02'],
    minItems: 1,
    maxItems: 50,
    description: 'The seats to hold. Either this or `count`.',
  })
  @ValidateIf(
    (body: LockSeatsRequest) => body.count === undefined || body.seatNumbers !== undefined,
  )
  @IsArray({ message: 'give either seatNumbers or count (the best seats), not both or neither' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(SEAT_NUMBER, { each: true, message: SEAT_NUMBER_MESSAGE })
  seatNumbers?: string[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 50,
    example: 2,
    description:
      'Hold the best `count` free seats instead of naming them: nearest the front, never ' +
      'stranding a single free seat where another choice exists, accessible seats kept for ' +
      'those who ask; all or nothing (409 `seat.none_fit` says what was available). The answer ' +
      'names the seats chosen.',
  })
  @ValidateIf(
    (body: LockSeatsRequest) => body.seatNumbers === undefined || body.count !== undefined,
  )
  @IsInt({ message: 'give either seatNumbers or count (the best seats), not both or neither' })
  @Min(1)
  @Max(50)
  count?: number;

  @ApiPropertyOptional({
    description: 'With `count`: side by side in one row, or a sleeper pair (lower and upper berth)',
  })
  @IsOptional()
  @IsBoolean()
  together?: boolean;

  @ApiPropertyOptional({ enum: SEAT_TYPES, description: 'With `count`: only seats of this type' })
  @IsOptional()
  @IsIn(SEAT_TYPES)
  seatType?: SeatType;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 2,
    description: 'With `count`: only this deck',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2)
  deck?: number;

  @ApiPropertyOptional({ description: 'With `count`: only seats marked accessible' })
  @IsOptional()
  @IsBoolean()
  accessible?: boolean;
}

const BEST_SEAT_OPTIONS = ['together', 'seatType', 'deck', 'accessible'] as const;

/** Rules across fields: seat numbers and `count` exclude each other; the options need `count`. */
export function lockRequestViolations(body: LockSeatsRequest): FieldViolation[] {
  if (body.seatNumbers === undefined) return [];
  const fields = [
    ...(body.count !== undefined ? (['count'] as const) : []),
    ...BEST_SEAT_OPTIONS.filter((name) => body[name] !== undefined),
  ];
  return fields.map((field) => ({
    field,
    rule: 'withoutSeatNumbers',
    message: `${field} asks for the best seats: send it without seatNumbers`,
  }));
}

export class LockResponse {
  @ApiProperty({ format: 'uuid' }) lockId: string;
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ type: [String] }) seatNumbers: string[];
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: 'integer' }) expiresInSeconds: number;
}

export class ExtendedLockResponse {
  @ApiProperty({ format: 'uuid' }) lockId: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: 'integer' }) expiresInSeconds: number;
}

export class ReleasedLockResponse {
  @ApiProperty({ format: 'uuid' }) lockId: string;
  @ApiProperty({ enum: [true] }) released: true;
  @ApiProperty({ type: [String] }) seatNumbers: string[];
}

export class LockStatusRequest {
  @ApiPropertyOptional({
    example: 'A01,B02',
    description: 'Comma-separated; all seats when omitted',
  })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
      : value,
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(SEAT_NUMBER, { each: true, message: SEAT_NUMBER_MESSAGE })
  seatNumbers?: string[];
}

export class SeatLockStatusResponse {
  @ApiProperty() seatNumber: string;
  @ApiProperty({ enum: ['available', 'locked', 'booked'] }) status: string;
  @ApiProperty() heldByYou: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) expiresAt?: string;
}

export class LockStatusResponse {
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ type: [SeatLockStatusResponse] }) seats: SeatLockStatusResponse[];
}

export class SeatConflictResponse {
  @ApiProperty() seatNumber: string;
  @ApiProperty({ enum: ['locked', 'booked'] }) status: string;
}
