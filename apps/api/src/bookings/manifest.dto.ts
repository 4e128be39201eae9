import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export const MANIFEST_FORMATS = ['json', 'csv', 'pdf'] as const;

export class ManifestRequest {
  @ApiPropertyOptional({ enum: MANIFEST_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(MANIFEST_FORMATS, { message: `format must be one of ${MANIFEST_FORMATS.join(', ')}` })
  format?: (typeof MANIFEST_FORMATS)[number];

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'ID numbers and phones in clear: admin only, and recorded in the event log (ManifestRevealed)',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'reveal must be true or false' })
  reveal?: boolean;
}

export class ManifestLineResponse {
  @ApiProperty() seatNumber: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['adult', 'child', 'senior'] }) passengerType: string;
  @ApiProperty() needsAccessibleSeat: boolean;
  @ApiProperty() boarded: boolean;
  @ApiProperty() bookingReference: string;
  @ApiProperty({ enum: ['citizen_id', 'passport'] }) idType: string;
  @ApiProperty({ example: '••••••••1234', description: 'Masked unless revealed' })
  idNumber: string;
  @ApiProperty({ example: '••••••••5678', description: 'Masked unless revealed' })
  phone: string;
}

export class TripManifestResponse {
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty() origin: string;
  @ApiProperty() destination: string;
  @ApiProperty({ format: 'date-time' }) departureAt: string;
  @ApiProperty() busName: string;
  @ApiProperty() plateNumber: string;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty() revealed: boolean;
  @ApiProperty({ type: [ManifestLineResponse] }) passengers: ManifestLineResponse[];
}
