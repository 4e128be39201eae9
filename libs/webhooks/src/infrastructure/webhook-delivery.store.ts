import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/event-store';
import type { WebhookMessage } from '../domain/webhook-events';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface DeliveryRecord {
  id: string;
  endpointId: string;
  messageId: string;
  eventType: string;
  orderingKey: string;
  sequence: number;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  firstAttemptAt: Date | null;
  nextAttemptAt: Date;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** A delivery taken by one dispatcher until `leased_until`, with what sending it needs. */
export interface ClaimedDelivery extends DeliveryRecord {
  url: string;
  secretSealed: string;
}

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  message_id: string;
  event_type: string;
  ordering_key: string;
  sequence: string | number;
  payload: Record<string, unknown>;
  status: DeliveryStatus;
  attempts: number;
  first_attempt_at: Date | null;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
  url?: string;
  secret_sealed?: string;
  total?: string | number;
}

const toRecord = (row: DeliveryRow): DeliveryRecord => ({
  id: row.id,
  endpointId: row.endpoint_id,
  messageId: row.message_id,
  eventType: row.event_type,
  orderingKey: row.ordering_key,
  sequence: Number(row.sequence),
  payload: row.payload,
  status: row.status,
  attempts: row.attempts,
  firstAttemptAt: row.first_attempt_at,
  nextAttemptAt: row.next_attempt_at,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  lastAttemptAt: row.last_attempt_at,
  deliveredAt: row.delivered_at,
  createdAt: row.created_at,
});

/** The outbox of webhook deliveries: hand-written SQL, as its claim must be exact. */
@Injectable()
export class WebhookDeliveryStore {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * One pending delivery per message and endpoint subscribed to its type (registered before it
   * happened). Idempotent: a message seen again adds nothing.
   */
  async enqueue(messages: readonly WebhookMessage[], now: Date): Promise<number> {
    if (messages.length === 0) return 0;
    const rows = messages.map((m) => ({
      id: m.id,
      type: m.type,
      ordering_key: m.orderingKey,
      sequence: m.sequence,
      occurred_at: m.occurredAt,
      payload: { id: m.id, type: m.type, timestamp: m.occurredAt, data: m.data },
    }));
    const { rowCount } = await this.pool.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, message_id, event_type, ordering_key,
                                       sequence, payload, status, next_attempt_at, created_at)
       SELECT gen_random_uuid(), e.id, m.id, m.type, m.ordering_key, m.sequence, m.payload,
              'pending', $2, $2
         FROM jsonb_to_recordset($1::jsonb) AS m(id uuid, type text, ordering_key text,
                                                 sequence bigint, occurred_at timestamptz,
                                                 payload jsonb)
         JOIN webhook_endpoints e ON m.type = ANY (e.events) AND e.created_at <= m.occurred_at
       ON CONFLICT (endpoint_id, message_id) DO NOTHING`,
      [JSON.stringify(rows), now],
    );
    return rowCount ?? 0;
  }

  /**
   * Takes up to `limit` deliveries due now, each the oldest pending message of its booking (or
   * trip) for an active endpoint, so a line is never overtaken; leased for `leaseMs`, so two
   * dispatchers never send the same one at once, and a dead one's lease runs out.
   */
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `WITH heads AS (
         SELECT DISTINCT ON (d.endpoint_id, d.ordering_key) d.id, d.next_attempt_at, d.leased_until
           FROM webhook_deliveries d
          WHERE d.status = 'pending'
          ORDER BY d.endpoint_id, d.ordering_key, d.sequence, d.created_at
       ), due AS (
         SELECT h.id FROM heads h
           JOIN webhook_deliveries d ON d.id = h.id
           JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.status = 'active'
          WHERE h.next_attempt_at <= $1 AND (h.leased_until IS NULL OR h.leased_until <= $1)
          ORDER BY h.next_attempt_at
          LIMIT $3
       )
       UPDATE webhook_deliveries d
          SET leased_until = $1::timestamptz + $2 * interval '1 millisecond'
         FROM due, webhook_endpoints e
        WHERE d.id = due.id AND e.id = d.endpoint_id
          AND d.status = 'pending' AND (d.leased_until IS NULL OR d.leased_until <= $1)
       RETURNING d.*, e.url, e.secret_sealed`,
      [now, leaseMs, limit],
    );
    return rows.map((row) => ({
      ...toRecord(row),
      url: row.url!,
      secretSealed: row.secret_sealed!,
    }));
  }

  async recordSuccess(id: string, statusCode: number, now: Date): Promise<void> {
    await this.pool.query(
      `UPDATE webhook_deliveries
          SET status = 'succeeded', attempts = attempts + 1, last_status_code = $2,
              last_error = NULL, last_attempt_at = $3, delivered_at = $3, leased_until = NULL,
              first_attempt_at = coalesce(first_attempt_at, $3)
        WHERE id = $1`,
      [id, statusCode, now],
    );
  }

  /** A failed attempt: tried again at `retryAt`, or failed for good when it is null. */
  async recordFailure(
    id: string,
    outcome: { statusCode?: number; error: string },
    now: Date,
    retryAt: Date | null,
  ): Promise<void> {
    await this.pool.query(
      `UPDATE webhook_deliveries
          SET status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
              attempts = attempts + 1, failures = failures + 1, last_status_code = $2,
              last_error = $5,
              last_attempt_at = $3, next_attempt_at = coalesce($4, next_attempt_at),
              leased_until = NULL, first_attempt_at = coalesce(first_attempt_at, $3)
        WHERE id = $1`,
      [id, outcome.statusCode ?? null, now, retryAt, outcome.error.slice(0, 500)],
    );
  }

  async list(
    endpointId: string,
    filter: { status?: DeliveryStatus; limit: number; offset: number },
  ): Promise<{ items: DeliveryRecord[]; total: number }> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT d.*, count(*) OVER () AS total FROM webhook_deliveries d
        WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2)
        ORDER BY d.created_at DESC, d.sequence DESC, d.id
        LIMIT $3 OFFSET $4`,
      [endpointId, filter.status ?? null, filter.limit, filter.offset],
    );
    return { items: rows.map(toRecord), total: Number(rows[0]?.total ?? 0) };
  }

  async find(endpointId: string, deliveryId: string): Promise<DeliveryRecord | null> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT * FROM webhook_deliveries WHERE id = $1 AND endpoint_id = $2`,
      [deliveryId, endpointId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Sent again as soon as possible, with a fresh retry window (its line's order kept). */
  async redeliver(endpointId: string, deliveryId: string, now: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE webhook_deliveries
          SET status = 'pending', next_attempt_at = $3, first_attempt_at = NULL, leased_until = NULL
        WHERE id = $1 AND endpoint_id = $2`,
      [deliveryId, endpointId, now],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Deliveries by status, and how long the oldest pending one has waited (for /metrics). */
  async stats(now: Date): Promise<{
    byStatus: { status: DeliveryStatus; count: number }[];
    oldestPendingSeconds: number;
    failedAttempts: number;
  }> {
    const { rows } = await this.pool.query<{
      status: DeliveryStatus;
      count: number;
      oldest: Date | null;
      failed_attempts: number;
    }>(
      `SELECT status, count(*)::int AS count, min(created_at) FILTER (WHERE status = 'pending') AS oldest,
              sum(failures)::int AS failed_attempts
         FROM webhook_deliveries GROUP BY status`,
    );
    const oldest = rows.find((r) => r.status === 'pending')?.oldest;
    return {
      byStatus: rows.map(({ status, count }) => ({ status, count })),
      oldestPendingSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
      failedAttempts: rows.reduce((sum, r) => sum + Number(r.failed_attempts), 0),
    };
  }
}
