import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BOOKING_STATUSES, PASSENGER_TYPES } from '@app/booking-domain';
import { TICKET_REFUSALS } from '@app/ticketing';
import {
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { RFC3339, RFC3339_MESSAGE } from '../http/validation';

export class VerifyTicketRequest {
  @ApiProperty({ description: 'The text of the scanned QR code' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  payload: string;

  @ApiPropertyOptional({
    description: 'Also let the passenger board (driver or admin role; default false)',
  })
  @IsOptional()
  @IsBoolean()
  board?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The scanner’s trip: tickets of other trips are refused. Required with `board: true` — ' +
      'a driver boards the trip they drive.',
  })
  @ValidateIf(
    (request: VerifyTicketRequest) => request.board === true || request.tripId !== undefined,
  )
  @IsUUID('all', { message: 'tripId must be the UUID of the trip being boarded' })
  tripId?: string;
}

export class TicketDetailsResponse {
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'uuid' }) bookingId: string;
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ format: 'date-time' }) departureAt: string;
  @ApiProperty() seatNumber: string;
  @ApiProperty({ type: 'integer' }) passengerIndex: number;
  @ApiPropertyOptional() fullName?: string;
  @ApiPropertyOptional({ enum: PASSENGER_TYPES, enumName: 'PassengerType' })
  passengerType?: string;
  @ApiPropertyOptional({ enum: BOOKING_STATUSES, enumName: 'BookingStatus' })
  bookingStatus?: string;
  @ApiProperty() boarded: boolean;
}

export class TicketCheckResponse {
  @ApiProperty() valid: boolean;
  @ApiPropertyOptional({
    enum: TICKET_REFUSALS,
    enumName: 'TicketRefusal',
    description: 'Why the ticket is not valid (the same code boarding is refused with)',
  })
  reason?: string;
  @ApiPropertyOptional({ type: TicketDetailsResponse }) ticket?: TicketDetailsResponse;
  @ApiPropertyOptional({ format: 'date-time' }) boardedAt?: string;
}

export class PublicJwkResponse {
  @ApiProperty({ enum: ['OKP'] }) kty: string;
  @ApiProperty({ enum: ['Ed25519'] }) crv: string;
  @ApiProperty({ description: 'The public key, base64url' }) x: string;
}

export class PublicKeyResponse {
  @ApiProperty({ example: 'Ed25519' }) algorithm: string;
  @ApiProperty({ description: 'SPKI PEM' }) publicKeyPem: string;
  @ApiProperty({ type: PublicJwkResponse, description: 'The same key as a JWK' })
  jwk: PublicJwkResponse;
  @ApiProperty({
    example: '<base64url(JSON claims)>.<base64url(signature)>',
    description: 'The QR payload: the signature covers the exact bytes of the first part',
  })
  format: string;
}

export class EmailJobResponse {
  @ApiProperty({ example: 'ticket-email:5c6f…:8d1e…' }) jobId: string;
}

export class TicketRevocationsRequest {
  @ApiProperty({
    example: '2026-12-06T00:00:00Z',
    description: 'From this time on (inclusive): the `until` of the previous answer',
  })
  @Matches(RFC3339, { message: RFC3339_MESSAGE })
  since: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only tickets of this trip' })
  @IsOptional()
  @IsUUID('all', { message: 'tripId must be a UUID' })
  tripId?: string;
}

export class TicketRevocationResponse {
  @ApiProperty({
    example: '6c1f…-9a2e.1',
    description: '`<tid>.<rev>` of the QR code’s claims (rev 1 when absent)',
  })
  ticketId: string;
  @ApiProperty({ format: 'uuid' }) bookingId: string;
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ enum: ['passenger_cancelled', 'seat_changed', 'booking_cancelled'] })
  reason: string;
  @ApiProperty({ format: 'date-time' }) revokedAt: string;
}

export class TicketRevocationsResponse {
  @ApiProperty({ type: [TicketRevocationResponse] }) items: TicketRevocationResponse[];
  @ApiProperty({ format: 'date-time', description: 'Ask again with since = this' })
  until: string;
  @ApiProperty({ description: 'A full page: ask again at once' }) more: boolean;
}
