import { Query } from '@nestjs/cqrs';

export interface TicketRevocationView {
  /** `<passengerId>.<revision>`: the `tid` and `rev` of the QR code's claims. */
  ticketId: string;
  bookingId: string;
  tripId: string;
  reason: string;
  revokedAt: string;
}

export interface TicketRevocationsPage {
  items: TicketRevocationView[];
  /** Ask again with `since` = this for what came after (inclusive: keep the ids in a set). */
  until: string;
  /** More than one page was revoked since: ask again at once. */
  more: boolean;
}

export const REVOCATIONS_PAGE = 1000;

export class ListTicketRevocationsQuery extends Query<TicketRevocationsPage> {
  constructor(
    readonly since: Date,
    readonly tripId?: string,
  ) {
    super();
  }
}
