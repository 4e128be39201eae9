import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SEAT_TYPES, SeatType } from '@app/seating';

/** No spaces, control or invisible characters; a dotted domain. */
const EMAIL = /^[^\s@\p{Cc}\p{Cf}]+@[^\s@.\p{Cc}\p{Cf}]+(\.[^\s@.\p{Cc}\p{Cf}]+)+$/u;

export class WaitlistContactRequest {
  @ApiProperty({ example: 'anh@example.com', description: 'Where the offer of seats is e-mailed' })
  @IsString()
  @MaxLength(254)
  @Matches(EMAIL, { message: 'email must be a valid e-mail address' })
  email: string;
}

export class JoinWaitlistRequest {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 50,
    example: 2,
    description: 'Seats wanted',
  })
  @IsInt()
  @Min(1)
  @Max(50)
  seats: number;

  @ApiPropertyOptional({ enum: SEAT_TYPES, description: 'Only seats of this type' })
  @IsOptional()
  @IsIn(SEAT_TYPES)
  seatType?: SeatType;

  @ApiProperty({ type: WaitlistContactRequest })
  @IsObject({ message: 'contact must be an object' })
  @ValidateNested()
  @Type(() => WaitlistContactRequest)
  contact: WaitlistContactRequest;
}

export class WaitlistOfferResponse {
  @ApiProperty({ format: 'uuid', description: 'The hold of the offered seats (a normal hold)' })
  lockId: string;

  @ApiProperty({ type: [String], example: ['A03'] })
  seatNumbers: string[];

  @ApiProperty({ format: 'date-time', description: 'The offer lapses with its hold' })
  expiresAt: string;

  @ApiProperty({
    enum: ['active', 'booked', 'expired', 'released', 'transferred'],
    description: "The offer's hold now: `booked` once taken, `expired` when it lapsed",
  })
  holdStatus: string;
}

export class WaitlistEntryResponse {
  @ApiProperty({ format: 'uuid' })
  entryId: string;

  @ApiProperty({ format: 'uuid' })
  tripId: string;

  @ApiProperty({
    enum: ['waiting', 'offered', 'left', 'closed'],
    description:
      '`waiting` in line; `offered` seats (see `offer`: held for you until it lapses); `left` ' +
      'the list; `closed`: still waiting when the trip departed',
  })
  status: 'waiting' | 'offered' | 'left' | 'closed';

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'While waiting: your place in line (1 = next)',
  })
  position?: number;

  @ApiProperty({ type: 'integer', minimum: 1 })
  seats: number;

  @ApiPropertyOptional({ enum: SEAT_TYPES })
  seatType?: SeatType;

  @ApiProperty({ example: 'a•••@example.com', description: 'The contact e-mail, masked' })
  contactEmail: string;

  @ApiProperty({ format: 'date-time' })
  joinedAt: string;

  @ApiPropertyOptional({ type: WaitlistOfferResponse })
  offer?: WaitlistOfferResponse;
}

export class LeftWaitlistResponse {
  @ApiProperty({ format: 'uuid' })
  entryId: string;

  @ApiProperty({ enum: [true] })
  left: true;
}
