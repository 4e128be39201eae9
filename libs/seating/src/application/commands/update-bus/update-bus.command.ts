import { Command } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { Bus } from '../../../domain/catalog.types';
import type { UpdateBus } from '../../../domain/catalog.decide';

export class UpdateBusCommand extends Command<Bus> {
  constructor(
    readonly caller: Caller,
    readonly busId: string,
    readonly changes: UpdateBus,
  ) {
    super();
  }
}
