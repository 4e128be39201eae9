import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/event-store';
import {
  ListTicketRevocationsQuery,
  REVOCATIONS_PAGE,
  TicketRevocationsPage,
} from './list-ticket-revocations.query';

/** Revoked e-tickets from a time on (inclusive), oldest first, a page at a time. */
@QueryHandler(ListTicketRevocationsQuery)
export class ListTicketRevocationsHandler implements IQueryHandler<
  ListTicketRevocationsQuery,
  TicketRevocationsPage
> {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ since, tripId }: ListTicketRevocationsQuery): Promise<TicketRevocationsPage> {
    const { rows } = await this.pool.query<{
      ticket_id: string;
      booking_id: string;
      trip_id: string;
      reason: string;
      revoked_at: Date;
    }>(
      `SELECT r.ticket_id, r.booking_id, b.trip_id, r.reason, r.revoked_at
         FROM ticket_revocations r JOIN bookings b ON b.id = r.booking_id
        WHERE r.revoked_at >= $1 AND ($2::uuid IS NULL OR b.trip_id = $2)
        ORDER BY r.revoked_at, r.ticket_id
        LIMIT $3`,
      [since, tripId ?? null, REVOCATIONS_PAGE + 1],
    );
    const more = rows.length > REVOCATIONS_PAGE;
    const items = rows.slice(0, REVOCATIONS_PAGE).map((r) => ({
      ticketId: r.ticket_id,
      bookingId: r.booking_id,
      tripId: r.trip_id,
      reason: r.reason,
      revokedAt: r.revoked_at.toISOString(),
    }));
    return {
      items,
      until: items.length ? items[items.length - 1].revokedAt : since.toISOString(),
      more,
    };
  }
}
