import { Query } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';

export interface AuditEntry {
  version: number;
  type: string;
  at: string;
  actor: { kind: string; id: string };
  reason?: string;
  summary: string;
  details: Record<string, unknown>;
}

export interface BookingHistoryView {
  bookingId: string;
  entries: AuditEntry[];
}

/** The audit trail: the booking's own event stream, rendered without personal data. */
export class BookingHistoryQuery extends Query<BookingHistoryView> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
  ) {
    super();
  }
}
