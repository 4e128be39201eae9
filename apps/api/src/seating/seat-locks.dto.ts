import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
} from 'class-validator';
import { SEAT_NUMBER, SEAT_NUMBER_MESSAGE } from '../http/validation';

export class LockSeatsRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  tripId: string;

  @ApiProperty({ type: [String], example: ['A01', 'A02'], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(SEAT_NUMBER, { each: true, message: SEAT_NUMBER_MESSAGE })
  seatNumbers: string[];
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
