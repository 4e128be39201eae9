import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PAYMENT_METHODS, type PaymentMethod } from '@app/booking-domain';
import { PAYMENT_REFERENCE } from '../bookings/bookings.dto';
import { MoneyDto } from '../catalog/catalog.dto';

export class PaymentSucceededData {
  @ApiProperty({ format: 'uuid', description: 'The booking the payment was started for' })
  @IsUUID('all')
  bookingId: string;

  @ApiProperty({ example: 'pi_3QfX2k', description: 'The provider’s reference of the payment' })
  @IsString()
  @Matches(PAYMENT_REFERENCE, {
    message: 'providerReference must be 1-100 letters, digits or . _ : / -',
  })
  providerReference: string;

  @ApiProperty({ enum: PAYMENT_METHODS, enumName: 'PaymentMethod', example: 'card' })
  @IsIn(PAYMENT_METHODS, { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` })
  method: PaymentMethod;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Set when the payment is a dearer seat’s difference (the `{seatChangeId}` of ' +
      'PAYMENT_CHECKOUT_URL): the passenger then moves; `amount` must be the difference due.',
  })
  @IsOptional()
  @IsUUID('all')
  seatChangeId?: string;

  @ApiProperty({
    type: MoneyDto,
    description: 'What was paid: the booking’s total (or the seat change’s difference)',
  })
  @IsObject({ message: 'amount must be an object' })
  @ValidateNested()
  @Type(() => MoneyDto)
  amount: MoneyDto;
}

export class PaymentWebhookRequest {
  @ApiProperty({
    example: 'payment.succeeded',
    description: 'Only `payment.succeeded` confirms a booking; other types are acknowledged.',
  })
  @IsString()
  @MaxLength(100)
  type: string;

  @ApiProperty({ type: PaymentSucceededData })
  @IsObject({ message: 'data must be an object' })
  @ValidateNested()
  @Type(() => PaymentSucceededData)
  data: PaymentSucceededData;
}

export class PaymentWebhookResponse {
  @ApiProperty({ example: true }) received: true;
  @ApiProperty({ example: 'confirmed', description: 'The booking’s status after the delivery' })
  bookingStatus: string;
  @ApiPropertyOptional({
    enum: ['changed'],
    description: 'A seat change’s payment: the passenger has moved',
  })
  seatChangeStatus?: 'changed';
}
