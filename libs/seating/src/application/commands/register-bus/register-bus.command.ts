import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { Bus, SeatLayout } from '../../../domain/catalog.types';

export interface RegisterBusInput {
  name: string;
  plateNumber: string;
  seats: (Omit<SeatLayout, 'accessible'> & { accessible?: boolean })[];
}

export class RegisterBusCommand extends Command<Bus> {
  constructor(
    readonly caller: Caller,
    readonly input: RegisterBusInput,
  ) {
    super();
  }
}
