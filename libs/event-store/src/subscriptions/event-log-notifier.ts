import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { Client, Pool } from 'pg';
import { PG_POOL } from '../database/sql';
import { EVENT_STORE_CHANNEL } from '../postgres-event-store';

/** What an append's notification tells: its transaction, and the types of events it appended. */
export interface AppendedWake {
  transactionId: bigint;
  /** Null when not told (all types, or a sender that does not say). */
  types: readonly string[] | null;
}

/** `<xid8> <type,type,...>` as the event store sends it; anything else tells nothing. */
export function parseAppendedWake(payload: string | undefined): AppendedWake | null {
  const match = /^(\d+) (\S+)$/.exec(payload ?? '');
  if (!match) return null;
  return {
    transactionId: BigInt(match[1]),
    types: match[2] === '*' ? null : match[2].split(','),
  };
}

/**
 * One LISTEN connection per process, shared by all subscriptions. Emits `appended` on every
 * NOTIFY (with its AppendedWake, or null when the payload tells nothing) and `reconnected`
 * after a lost connection comes back (subscribers then re-read, since notifications sent
 * meanwhile are gone).
 */
@Injectable()
export class EventLogNotifier extends EventEmitter implements OnModuleDestroy {
  private readonly logger = new Logger(EventLogNotifier.name);
  private client: Client | null = null;
  private starting: Promise<void> | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {
    super();
    this.setMaxListeners(0);
  }

  /** Starts listening (once); later calls return the same promise. */
  listen(): Promise<void> {
    if (!this.starting) this.starting = this.connect();
    return this.starting;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client(this.pool.options);
    client.on('notification', (message) =>
      this.emit('appended', parseAppendedWake(message.payload)),
    );
    client.on('error', (error) => {
      this.logger.warn(`event log listener lost its connection: ${error.message}`);
      this.scheduleReconnect(client);
    });
    client.on('end', () => this.scheduleReconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENT_STORE_CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.logger.warn(`event log listener could not connect: ${(error as Error).message}`);
      this.scheduleReconnect(client);
    }
  }

  private scheduleReconnect(failed: Client): void {
    if (this.closed || this.retryTimer) return;
    if (this.client === failed) this.client = null;
    failed.removeAllListeners('end');
    failed.end().catch(() => undefined);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect().then(() => {
        if (this.client) this.emit('reconnected');
      });
    }, 1000);
    this.retryTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}
