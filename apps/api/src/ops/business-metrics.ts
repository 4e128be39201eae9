import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { Counter, Gauge } from 'prom-client';
import { Clock, CLOCK } from '@app/clock';
import { PG_POOL } from '@app/event-store';
import { WaitlistRepository } from '@app/seating';
import { WebhookDeliveryStore } from '@app/webhooks';
import { Metrics } from './metrics';

/** The domain events counted on /metrics (the log is append-only: their counts only grow). */
const COUNTED_EVENTS = [
  'SeatsLocked',
  'SeatLockExtended',
  'SeatLockReleased',
  'SeatLockExpired',
  'BookingCreated',
  'BookingConfirmed',
  'BookingCancelled',
  'BookingExpired',
  'PassengerCancelled',
  'SeatChanged',
  'TicketEmailed',
  'TicketEmailFailed',
  'WaitlistOffered',
  'TripCancelled',
  'TripDelayed',
  'BookingRescheduled',
];

interface SubscriptionLag {
  subscription: string;
  behind: number;
  seconds: number | null;
}

/**
 * The business as Prometheus sees it, read when scraped from the event log and the read models
 * every process shares — so any API instance answers for the whole service, workers included.
 * Read-only queries over the projections' tables, kept here at the edge rather than in the libs:
 * they serve operators, not the domain.
 */
@Injectable()
export class BusinessMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly waitlist: WaitlistRepository,
    private readonly webhooks: WebhookDeliveryStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const { pool, waitlist, clock } = this;
    const registers = [this.metrics.registry];
    new Gauge({
      name: 'waitlist_parties_waiting',
      help: 'Parties on the waiting list of each trip not yet departed',
      labelNames: ['trip_id'],
      registers,
      async collect() {
        const byTrip = await waitlist.waitingByTrip(clock.now());
        this.reset();
        for (const { tripId, waiting } of byTrip) this.set({ trip_id: tripId }, waiting);
      },
    });
    new Gauge({
      name: 'seat_holds_active',
      help: 'Seat holds running now (not released, expired or booked, and not past their time)',
      registers,
      async collect() {
        const { rows } = await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM seat_holds WHERE status = 'active' AND expires_at > now()`,
        );
        this.set(rows[0].n);
      },
    });
    new Gauge({
      name: 'bookings',
      help: 'Bookings by status and channel (user: a signed-in account; guest: guest checkout)',
      labelNames: ['status', 'channel'],
      registers,
      async collect() {
        const { rows } = await pool.query<{ status: string; channel: string; n: number }>(
          `SELECT status, owner_kind AS channel, count(*)::int AS n FROM bookings GROUP BY 1, 2`,
        );
        this.reset();
        for (const { status, channel, n } of rows) this.set({ status, channel }, n);
      },
    });
    new Gauge({
      name: 'booking_refunds_minor_units',
      help: 'Money refunded on bookings so far (whole cancellations, passengers, cheaper seats)',
      labelNames: ['currency'],
      registers,
      async collect() {
        const { rows } = await pool.query<{ currency: string; amount: number }>(
          `SELECT currency, sum(refund_amount)::bigint AS amount FROM bookings GROUP BY 1`,
        );
        this.reset();
        for (const { currency, amount } of rows) this.set({ currency }, Number(amount));
      },
    });
    // How far each durable subscription (the worker's sagas, mail, timers) is behind the log. It
    // reads every event, so: global positions between its checkpoint and the log's end (gaps of
    // rolled-back appends count, an upper bound), and the age of the first event it has not read.
    // Both come from indexes, cheap however far behind a forgotten subscription is. The two
    // gauges are collected together, so they share one query per scrape.
    let lagQuery: Promise<SubscriptionLag[]> | undefined;
    const lag = () =>
      (lagQuery ??= readLag().finally(() => {
        lagQuery = undefined;
      }));
    const readLag = async () =>
      (
        await pool.query<SubscriptionLag>(
          `SELECT c.subscription_id AS subscription,
                  greatest(0, coalesce((SELECT max(global_position) FROM events), 0)
                              - c.last_position)::int AS behind,
                  extract(epoch FROM now() - (n.metadata->>'occurredAt')::timestamptz)::float8
                    AS seconds
             FROM subscription_checkpoints c
             LEFT JOIN LATERAL (
               SELECT e.metadata FROM events e
                WHERE (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)
                  AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY e.transaction_id, e.global_position
                LIMIT 1
             ) n ON true`,
        )
      ).rows;
    new Gauge({
      name: 'event_subscription_lag_events',
      help: 'Log positions a durable subscription is behind the end of the log (an upper bound)',
      labelNames: ['subscription'],
      registers,
      async collect() {
        this.reset();
        for (const { subscription, behind } of await lag()) this.set({ subscription }, behind);
      },
    });
    new Gauge({
      name: 'event_subscription_lag_seconds',
      help: 'Age of the oldest event a durable subscription has not processed yet (0 when none)',
      labelNames: ['subscription'],
      registers,
      async collect() {
        this.reset();
        for (const { subscription, seconds } of await lag()) {
          this.set({ subscription }, Math.max(0, seconds ?? 0));
        }
      },
    });
    // Webhooks: the outbox's deliveries by status, failed attempts, and the oldest one waiting;
    // read together once per scrape.
    const { webhooks } = this;
    let statsQuery: ReturnType<WebhookDeliveryStore['stats']> | undefined;
    const webhookStats = () =>
      (statsQuery ??= webhooks.stats(clock.now()).finally(() => {
        statsQuery = undefined;
      }));
    new Gauge({
      name: 'webhook_deliveries',
      help: 'Webhook deliveries in the outbox, by status (pending, succeeded, failed for good)',
      labelNames: ['status'],
      registers,
      async collect() {
        const { byStatus } = await webhookStats();
        this.reset();
        for (const status of ['pending', 'succeeded', 'failed'] as const) {
          this.set({ status }, byStatus.find((s) => s.status === status)?.count ?? 0);
        }
      },
    });
    new Counter({
      name: 'webhook_delivery_failures_total',
      help: 'Webhook delivery attempts that failed (an error, a timeout or a non-2xx answer)',
      registers,
      async collect() {
        const { failedAttempts } = await webhookStats();
        this.reset();
        this.inc(failedAttempts);
      },
    });
    new Gauge({
      name: 'webhook_oldest_pending_seconds',
      help: 'Age of the oldest webhook delivery not yet delivered (0 when none)',
      registers,
      async collect() {
        this.set((await webhookStats()).oldestPendingSeconds);
      },
    });
    new Counter({
      name: 'domain_events_total',
      help: 'Events recorded in the log, by type: holds, bookings, confirmations, cancellations, e-mails sent and failed, waiting-list offers',
      labelNames: ['type'],
      registers,
      async collect() {
        const { rows } = await pool.query<{ type: string; n: number }>(
          `SELECT type, count(*)::int AS n FROM events WHERE type = ANY($1) GROUP BY type`,
          [COUNTED_EVENTS],
        );
        const counts = new Map(rows.map((r) => [r.type, r.n]));
        this.reset();
        for (const type of COUNTED_EVENTS) this.inc({ type }, counts.get(type) ?? 0);
      },
    });
  }
}
