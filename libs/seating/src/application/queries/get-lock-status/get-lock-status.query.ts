import { Query } from '@nestjs/cqrs';
import type { Holder } from '../../../domain/seat-allocation.events';
import type { SeatStatus } from '../../views';

export interface LockStatusView {
  tripId: string;
  seats: { seatNumber: string; status: SeatStatus; heldByYou: boolean; expiresAt?: string }[];
}

export class GetLockStatusQuery extends Query<LockStatusView> {
  /** `seatNumbers`: the seats to report (all when omitted). */
  constructor(
    readonly tripId: string,
    readonly holder?: Holder,
    readonly seatNumbers?: string[],
  ) {
    super();
  }
}
