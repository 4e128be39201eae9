import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { inTransaction, PG_POOL } from '../database/sql';
import { PostgresEventStore } from '../postgres-event-store';
import { InlineProjectionRegistry } from './inline-projection';

/** Rebuilds an inline projection from the log: empty it, then replay every event it handles. */
@Injectable()
export class ProjectionRebuilder {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly registry: InlineProjectionRegistry,
    private readonly eventStore: PostgresEventStore,
  ) {}

  async rebuild(name: string, batchSize = 1000): Promise<number> {
    const projection = this.registry.get(name);
    return inTransaction(this.pool, async (tx) => {
      // Appends write `streams`; this lock waits for those in flight and holds new ones until the
      // rebuild commits, so no event is applied to the read model twice or missed.
      await tx.query('LOCK TABLE streams IN SHARE ROW EXCLUSIVE MODE');
      await projection.reset(tx);
      let position = 0;
      let replayed = 0;
      for (;;) {
        const events = await this.eventStore.readAll({
          fromPosition: position,
          limit: batchSize,
          types: projection.handles,
          sql: tx,
        });
        if (events.length === 0) return replayed;
        await projection.apply(events, tx);
        replayed += events.length;
        position = events[events.length - 1].globalPosition;
      }
    });
  }
}
