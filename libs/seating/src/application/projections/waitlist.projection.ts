import { Injectable } from '@nestjs/common';
import type { InlineProjection, RecordedEvent, SqlExecutor } from '@app/event-store';
import { WAITLIST_EVENT_TYPES, WaitlistEvent } from '../../domain/seat-allocation.events';

/**
 * Trips' waiting lists (`waitlist_entries`): a party joins, leaves, or is offered seats. Few
 * events, so applied one by one after the append, in its transaction. Safe to repeat.
 */
@Injectable()
export class WaitlistProjection implements InlineProjection {
  readonly name = 'waitlist';
  readonly handles = WAITLIST_EVENT_TYPES;

  async apply(events: readonly RecordedEvent[], sql: SqlExecutor): Promise<void> {
    for (const event of events as unknown as RecordedEvent<WaitlistEvent>[]) {
      switch (event.type) {
        case 'WaitlistJoined': {
          const { entryId, tripId, holder, seats, seatType, contact, joinedAt, origin } =
            event.data;
          await sql.query(
            `INSERT INTO waitlist_entries (entry_id, trip_id, position, holder_kind, holder_id, seats,
                                           seat_type, contact_email, contact_email_masked, origin,
                                           status, joined_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'waiting', $11)
             ON CONFLICT (entry_id) DO NOTHING`,
            [
              entryId,
              tripId,
              event.streamPosition,
              holder.kind,
              holder.id,
              seats,
              seatType ?? null,
              contact.email,
              contact.emailMasked,
              origin ?? null,
              joinedAt,
            ],
          );
          break;
        }
        case 'WaitlistLeft':
          await sql.query(
            `UPDATE waitlist_entries SET status = 'left', ended_at = $2
              WHERE entry_id = $1 AND status = 'waiting'`,
            [event.data.entryId, event.data.leftAt],
          );
          break;
        case 'WaitlistOffered': {
          const { entryId, lockId, seatNumbers, offeredAt, expiresAt } = event.data;
          await sql.query(
            `UPDATE waitlist_entries
                SET status = 'offered', ended_at = $2, offer_lock_id = $3, offer_seat_numbers = $4,
                    offer_expires_at = $5
              WHERE entry_id = $1 AND status = 'waiting'`,
            [entryId, offeredAt, lockId, seatNumbers, expiresAt],
          );
          break;
        }
      }
    }
  }

  async reset(sql: SqlExecutor): Promise<void> {
    await sql.query('TRUNCATE waitlist_entries');
  }
}
