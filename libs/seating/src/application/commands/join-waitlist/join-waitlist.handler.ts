import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { callerRef } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { maskEmail, PiiCipher } from '@app/privacy';
import { SeatingErrors } from '../../../domain/seating.errors';
import { joinWaitlist } from '../../../domain/waitlist.decide';
import { CatalogRepository } from '../../../infrastructure/catalog.repository';
import { holderOf } from '../../holds';
import { SeatAllocationWriter } from '../../seat-allocation.writer';
import { WaitlistEntryView } from '../../waitlist';
import { JoinWaitlistCommand } from './join-waitlist.command';

@CommandHandler(JoinWaitlistCommand)
export class JoinWaitlistHandler implements ICommandHandler<
  JoinWaitlistCommand,
  WaitlistEntryView
> {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly writer: SeatAllocationWriter,
    private readonly cipher: PiiCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({
    actor,
    tripId,
    request,
    origin,
  }: JoinWaitlistCommand): Promise<WaitlistEntryView> {
    const trip = await this.catalog.findTrip(tripId);
    if (!trip) throw SeatingErrors.tripNotFound(tripId);
    const email = request.email.trim().toLowerCase();
    const command = {
      entryId: randomUUID(),
      holder: holderOf(actor),
      seats: request.seats,
      ...(request.seatType ? { seatType: request.seatType } : {}),
      contact: { email: this.cipher.seal(email), emailMasked: maskEmail(email) },
      ...(origin ? { origin } : {}),
    };
    const guestPlacesPerAddress = this.config.seatHolds.guestWaitlistPerAddress;
    const { state, events } = await this.writer.decide(
      tripId,
      (allocation, now) => joinWaitlist(command, allocation, { now, trip, guestPlacesPerAddress }),
      { actor: callerRef(actor) },
    );
    const joined = events[0].data;
    return {
      entryId: joined.entryId,
      tripId,
      status: 'waiting',
      position: state.waiting.findIndex((party) => party.entryId === joined.entryId) + 1,
      seats: joined.seats,
      ...(joined.seatType ? { seatType: joined.seatType } : {}),
      contactEmail: joined.contact.emailMasked,
      joinedAt: joined.joinedAt,
    };
  }
}
