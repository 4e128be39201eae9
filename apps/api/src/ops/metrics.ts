import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Clock, CLOCK } from '@app/clock';
import { WaitlistRepository } from '@app/seating';

/** One Prometheus registry per application, so tests can build several apps in one process. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly feedConnections: Gauge;
  readonly feedMessages: Counter<'event'>;
  readonly waitlistWaiting: Gauge<'trip_id'>;

  constructor(waitlist: WaitlistRepository, @Inject(CLOCK) clock: Clock) {
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests served',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.feedConnections = new Gauge({
      name: 'seat_feed_connections',
      help: 'Open Socket.io connections to the seat feed',
      registers: [this.registry],
    });
    this.feedMessages = new Counter({
      name: 'seat_feed_messages_total',
      help: 'Seat feed messages broadcast, by event',
      labelNames: ['event'],
      registers: [this.registry],
    });
    this.waitlistWaiting = new Gauge({
      name: 'waitlist_parties_waiting',
      help: 'Parties on the waiting list of each trip not yet departed (read when scraped)',
      labelNames: ['trip_id'],
      registers: [this.registry],
      async collect() {
        const byTrip = await waitlist.waitingByTrip(clock.now());
        this.reset();
        for (const { tripId, waiting } of byTrip) this.set({ trip_id: tripId }, waiting);
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }
}
