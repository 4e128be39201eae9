import { Injectable } from '@nestjs/common';
import type { InlineProjection, RecordedEvent, SqlExecutor } from '@app/event-store';
import {
  SEAT_ALLOCATION_EVENT_TYPES,
  SeatAllocationEvent,
} from '../../domain/seat-allocation.events';

/** Holds per trip, updated with every allocation event. Every statement is safe to repeat. */
@Injectable()
export class SeatHoldsProjection implements InlineProjection {
  readonly name = 'seat-holds';
  readonly handles = SEAT_ALLOCATION_EVENT_TYPES;

  async apply(events: readonly RecordedEvent[], sql: SqlExecutor): Promise<void> {
    for (const event of events as unknown as RecordedEvent<SeatAllocationEvent>[]) {
      const occurredAt = event.metadata.occurredAt;
      switch (event.type) {
        case 'SeatsLocked': {
          const d = event.data;
          for (const moved of d.transferredFrom) {
            await sql.query(
              `UPDATE seat_holds
                  SET seat_numbers = ARRAY(SELECT unnest(seat_numbers) EXCEPT SELECT unnest($2::text[])),
                      status = CASE WHEN seat_numbers <@ $2::text[] THEN 'transferred' ELSE status END,
                      ended_at = CASE WHEN seat_numbers <@ $2::text[] THEN $3::timestamptz ELSE ended_at END
                WHERE lock_id = $1 AND status = 'active'`,
              [moved.lockId, moved.seatNumbers, occurredAt],
            );
          }
          await sql.query(
            `INSERT INTO seat_holds (lock_id, trip_id, holder_kind, holder_id, seat_numbers, locked_at,
                                     expires_at, max_expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (lock_id) DO NOTHING`,
            [
              d.lockId,
              d.tripId,
              d.holder.kind,
              d.holder.id,
              d.seatNumbers,
              d.lockedAt,
              d.expiresAt,
              d.maxExpiresAt,
            ],
          );
          break;
        }
        case 'SeatLockExtended':
          await sql.query(
            `UPDATE seat_holds SET expires_at = $2 WHERE lock_id = $1 AND status = 'active'`,
            [event.data.lockId, event.data.expiresAt],
          );
          break;
        case 'SeatLockReleased':
        case 'SeatLockExpired':
          await sql.query(
            `UPDATE seat_holds SET status = $2, ended_at = $3 WHERE lock_id = $1 AND status = 'active'`,
            [
              event.data.lockId,
              event.type === 'SeatLockReleased' ? 'released' : 'expired',
              occurredAt,
            ],
          );
          break;
      }
    }
  }

  async reset(sql: SqlExecutor): Promise<void> {
    await sql.query('TRUNCATE seat_holds');
  }
}
