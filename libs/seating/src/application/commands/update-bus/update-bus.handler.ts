import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { callerRef, requireAdmin } from '@app/auth';
import { Clock, CLOCK } from '@app/clock';
import { isUniqueViolation, PostgresEventStore } from '@app/event-store';
import { normalizePlateNumber, updateBus } from '../../../domain/catalog.decide';
import { Bus } from '../../../domain/catalog.types';
import { busStreamId } from '../../../domain/events';
import { SeatingErrors } from '../../../domain/seating.errors';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { UpdateBusCommand } from './update-bus.command';

@CommandHandler(UpdateBusCommand)
export class UpdateBusHandler implements ICommandHandler<UpdateBusCommand, Bus> {
  constructor(
    private readonly eventStore: PostgresEventStore,
    private readonly catalog: CatalogRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, busId, changes }: UpdateBusCommand): Promise<Bus> {
    requireAdmin(caller);
    const bus = await this.catalog.findBus(busId);
    if (!bus) throw SeatingErrors.busNotFound(busId);
    const plate = changes.plateNumber;
    if (
      plate &&
      normalizePlateNumber(plate) !== normalizePlateNumber(bus.plateNumber) &&
      (await this.catalog.isPlateNumberTaken(plate))
    ) {
      throw SeatingErrors.plateNumberTaken(plate);
    }
    const events = updateBus(changes, bus, { now: this.clock.now() });
    if (events.length > 0) {
      const streamId = busStreamId(busId);
      try {
        await this.eventStore.append(
          streamId,
          await this.eventStore.streamVersion(streamId),
          events,
          {
            metadata: { actor: callerRef(caller) },
          },
        );
      } catch (error) {
        if (isUniqueViolation(error, 'buses_plate_key_idx'))
          throw SeatingErrors.plateNumberTaken(plate!);
        throw error;
      }
      this.catalog.forgetBus(busId);
    }
    return (await this.catalog.findBus(busId))!;
  }
}
