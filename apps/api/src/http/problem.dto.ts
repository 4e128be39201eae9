import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldViolationResponse {
  @ApiProperty({ example: 'seats[2].seatNumber' }) field: string;
  @ApiProperty({ example: 'unique' }) rule: string;
  @ApiProperty({ example: 'seat number A1 is used by seats[0] and seats[2]' }) message: string;
}

/** RFC 9457 problem document (`application/problem+json`). */
export class ProblemResponse {
  @ApiProperty({ example: 'urn:bus-booking:problem:layout.duplicate_seat_number' }) type: string;
  @ApiProperty({ example: 'Unprocessable Entity' }) title: string;
  @ApiProperty({ example: 422 }) status: number;
  @ApiProperty({
    example: 'The seat layout is invalid: seat number A1 is used by seats[0] and seats[2]',
  })
  detail: string;
  @ApiProperty({
    example: 'layout.duplicate_seat_number',
    description: 'Stable machine-readable reason',
  })
  code: string;
  @ApiPropertyOptional({ example: '/admin/buses' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldViolationResponse] }) errors?: FieldViolationResponse[];
}
