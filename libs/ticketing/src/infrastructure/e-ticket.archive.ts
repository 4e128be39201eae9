import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/event-store';

export interface ArchivedTicket {
  contentHash: string;
  pdf: Buffer;
  generatedAt: Date;
  voidAt: Date | null;
}

@Injectable()
export class ETicketArchive {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async find(bookingId: string): Promise<ArchivedTicket | null> {
    const { rows } = await this.pool.query<{
      content_hash: string;
      pdf: Buffer;
      generated_at: Date;
      void_at: Date | null;
    }>('SELECT content_hash, pdf, generated_at, void_at FROM e_tickets WHERE booking_id = $1', [
      bookingId,
    ]);
    const row = rows[0];
    return row
      ? {
          contentHash: row.content_hash,
          pdf: row.pdf,
          generatedAt: row.generated_at,
          voidAt: row.void_at,
        }
      : null;
  }

  async store(bookingId: string, contentHash: string, pdf: Buffer, at: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO e_tickets (booking_id, content_hash, pdf, generated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (booking_id) DO UPDATE
         SET content_hash = EXCLUDED.content_hash, pdf = EXCLUDED.pdf,
             generated_at = EXCLUDED.generated_at, void_at = NULL`,
      [bookingId, contentHash, pdf, at],
    );
  }

  async markVoid(bookingId: string, at: Date): Promise<void> {
    await this.pool.query(
      'UPDATE e_tickets SET void_at = $2 WHERE booking_id = $1 AND void_at IS NULL',
      [bookingId, at],
    );
  }
}
