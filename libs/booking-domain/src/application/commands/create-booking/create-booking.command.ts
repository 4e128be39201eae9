import { Command } from '@nestjs/cqrs';
import type { Actor } from '@app/auth';
import type { ContactInput, PassengerInput } from '../../../domain/booking-request';
import type { BookingView } from '../../booking.view';

export interface CreateBookingInput {
  tripId: string;
  seatNumbers: string[];
  passengers: PassengerInput[];
  contact: ContactInput;
  expectedTotal?: number;
}

export class CreateBookingCommand extends Command<BookingView> {
  constructor(
    readonly actor: Actor,
    readonly input: CreateBookingInput,
  ) {
    super();
  }
}
