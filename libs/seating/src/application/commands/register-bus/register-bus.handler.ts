import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { callerRef, requireAdmin } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { isUniqueViolation, NO_STREAM, PostgresEventStore } from '@app/event-store';
import { registerBus } from '../../../domain/catalog.decide';
import { Bus } from '../../../domain/catalog.types';
import { busStreamId } from '../../../domain/events';
import { SeatingErrors } from '../../../domain/seating.errors';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { RegisterBusCommand } from './register-bus.command';

@CommandHandler(RegisterBusCommand)
export class RegisterBusHandler implements ICommandHandler<RegisterBusCommand, Bus> {
  constructor(
    private readonly eventStore: PostgresEventStore,
    private readonly catalog: CatalogRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, input }: RegisterBusCommand): Promise<Bus> {
    requireAdmin(caller);
    if (await this.catalog.isPlateNumberTaken(input.plateNumber)) {
      throw SeatingErrors.plateNumberTaken(input.plateNumber);
    }
    const busId = randomUUID();
    const events = registerBus(
      {
        busId,
        ...input,
        seats: input.seats.map((s) => ({ ...s, accessible: s.accessible ?? false })),
      },
      null,
      { now: this.clock.now() },
    );
    try {
      await this.eventStore.append(busStreamId(busId), NO_STREAM, events, {
        metadata: { actor: callerRef(caller) },
      });
    } catch (error) {
      // Two registrations of one plate racing past the check: the read model's unique index decides.
      if (isUniqueViolation(error, 'buses_plate_key_idx'))
        throw SeatingErrors.plateNumberTaken(input.plateNumber);
      throw error;
    }
    const { registeredAt: _registeredAt, ...bus } = events[0].data;
    return bus;
  }
}
