import { Query } from '@nestjs/cqrs';
import type { Holder } from '../../../domain/seat-allocation.events';
import type { WaitlistEntryView } from '../../waitlist';

/** The holder's latest place on the trip's waiting list. */
export class GetWaitlistEntryQuery extends Query<WaitlistEntryView> {
  constructor(
    readonly tripId: string,
    readonly holder: Holder,
  ) {
    super();
  }
}
