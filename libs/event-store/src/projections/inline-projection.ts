import { Injectable } from '@nestjs/common';
import { RecordedEvent } from '../event';
import { SqlExecutor } from '../database/sql';

/**
 * A read model updated in the same transaction as the append, so the API can read its own writes.
 * `apply` must be idempotent: applying an event twice leaves the same state.
 */
export interface InlineProjection {
  readonly name: string;
  /** Event types this projection cares about. */
  readonly handles: readonly string[];
  /** `knownState`: the appender's state of the stream before the events, when it passed one. */
  apply(events: readonly RecordedEvent[], sql: SqlExecutor, knownState?: unknown): Promise<void>;
  /** Empties the read model before a rebuild from the log. */
  reset(sql: SqlExecutor): Promise<void>;
}

@Injectable()
export class InlineProjectionRegistry {
  private readonly projections = new Map<string, InlineProjection>();

  register(projection: InlineProjection): void {
    if (this.projections.has(projection.name)) {
      throw new Error(`Inline projection ${projection.name} is registered twice`);
    }
    this.projections.set(projection.name, projection);
  }

  get(name: string): InlineProjection {
    const projection = this.projections.get(name);
    if (!projection) throw new Error(`Unknown inline projection ${name}`);
    return projection;
  }

  all(): InlineProjection[] {
    return [...this.projections.values()];
  }

  async applyAll(
    events: readonly RecordedEvent[],
    sql: SqlExecutor,
    knownState?: unknown,
  ): Promise<void> {
    for (const projection of this.projections.values()) {
      const relevant = events.filter((e) => projection.handles.includes(e.type));
      if (relevant.length > 0) await projection.apply(relevant, sql, knownState);
    }
  }
}
