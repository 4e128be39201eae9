import { RecordedEvent, EventMetadata } from './event';

export const EVENT_COLUMNS = `global_position, stream_id, stream_position, type, schema_version,
  data, metadata, transaction_id::text AS transaction_id`;

export interface EventRow {
  global_position: string;
  stream_id: string;
  stream_position: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  transaction_id: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    type: row.type,
    data: row.data,
    schemaVersion: row.schema_version,
    metadata: row.metadata,
    streamId: row.stream_id,
    streamPosition: row.stream_position,
    globalPosition: Number(row.global_position),
    transactionId: row.transaction_id,
  };
}
