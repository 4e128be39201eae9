import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class VerifyTicketRequest {
  @ApiProperty({ description: 'The text of the scanned QR code' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  payload: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Also let the passenger board (driver or admin)',
  })
  @IsOptional()
  @IsBoolean()
  board?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The scanner’s trip: tickets of other trips are refused',
  })
  @IsOptional()
  @IsUUID()
  tripId?: string;
}

export class TicketDetailsResponse {
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'uuid' }) bookingId: string;
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ format: 'date-time' }) departureAt: string;
  @ApiProperty() seatNumber: string;
  @ApiProperty() passengerIndex: number;
  @ApiPropertyOptional() fullName?: string;
  @ApiPropertyOptional() passengerType?: string;
  @ApiPropertyOptional() bookingStatus?: string;
  @ApiProperty() boarded: boolean;
}

export class TicketCheckResponse {
  @ApiProperty() valid: boolean;
  @ApiPropertyOptional({
    example: 'ticket.void',
    description:
      'ticket.signature_invalid, ticket.unknown, ticket.other_trip, ticket.not_paid, ticket.void, ticket.trip_completed, ticket.seat_changed',
  })
  reason?: string;
  @ApiPropertyOptional({ type: TicketDetailsResponse }) ticket?: TicketDetailsResponse;
  @ApiPropertyOptional({ format: 'date-time' }) boardedAt?: string;
}

export class PublicKeyResponse {
  @ApiProperty({ example: 'Ed25519' }) algorithm: string;
  @ApiProperty({ description: 'SPKI PEM' }) publicKeyPem: string;
  @ApiProperty({ description: 'The same key as a JWK (OKP, Ed25519)' }) jwk: Record<
    string,
    unknown
  >;
  @ApiProperty({
    example: '<base64url(JSON claims)>.<base64url(signature)>',
    description: 'The QR payload: the signature covers the exact bytes of the first part',
  })
  format: string;
}

export class EmailJobResponse {
  @ApiProperty({ example: 'ticket-email:5c6f…:8d1e…' }) jobId: string;
}
