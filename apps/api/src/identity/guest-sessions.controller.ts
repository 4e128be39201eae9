import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsEmail, IsOptional, Matches, MaxLength } from 'class-validator';
import { GuestTokenIssuer } from '@app/auth';
import { RateLimited } from '../http/rate-limit';

export class StartGuestSessionRequest {
  @ApiPropertyOptional({ example: 'guest@example.com' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+84901234567' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,20}$/, { message: 'phone must be a phone number such as +84901234567' })
  phone?: string;
}

export class GuestSessionResponse {
  @ApiProperty({ format: 'uuid' }) guestSessionId: string;
  @ApiProperty({ description: 'Bearer token with role guest' }) token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

@ApiTags('Identity')
@Controller('guest/sessions')
export class GuestSessionsController {
  constructor(private readonly issuer: GuestTokenIssuer) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Start a guest session',
    description:
      'Returns a bearer token with role `guest` that can hold seats and book without an account. ' +
      'The optional e-mail and phone are checked but not stored; bookings carry their own contact.',
  })
  @ApiCreatedResponse({ type: GuestSessionResponse })
  @ApiBody({ type: StartGuestSessionRequest, required: false })
  @RateLimited('guest-session')
  createGuestSession(@Body() _body: StartGuestSessionRequest): Promise<GuestSessionResponse> {
    return this.issuer.startSession();
  }
}
