import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/event-store';

export type CodePurpose = 'access' | 'claim';

/** What became of a code offered for checking. */
export type CodeCheck = 'accepted' | 'wrong' | 'refused';

/** The one-time codes' table: hashes only, attempts counted, each code good once. */
@Injectable()
export class GuestAccessCodeStore {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Stores a new code, replacing (and so voiding) any earlier one for the same purpose. */
  async replace(
    bookingId: string,
    purpose: CodePurpose,
    codeHash: string,
    expiresAt: Date,
    now: Date,
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO guest_access_codes (booking_id, purpose, code_hash, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (booking_id, purpose) DO UPDATE SET
         code_hash = EXCLUDED.code_hash, expires_at = EXCLUDED.expires_at, attempts = 0,
         used_at = NULL, created_at = EXCLUDED.created_at`,
      [bookingId, purpose, codeHash, expiresAt, now],
    );
  }

  /**
   * Counts one attempt and uses the code up when it is right, in one statement: two requests
   * with the right code cannot both succeed, and no attempt escapes the count. An expired, used
   * or exhausted code (or none) is refused without looking at what was offered.
   */
  async check(
    bookingId: string,
    purpose: CodePurpose,
    codeHash: string,
    maxAttempts: number,
    now: Date,
  ): Promise<CodeCheck> {
    const { rows } = await this.pool.query<{ accepted: boolean }>(
      `UPDATE guest_access_codes
          SET attempts = attempts + 1,
              used_at = CASE WHEN code_hash = $3 THEN $4::timestamptz END
        WHERE booking_id = $1 AND purpose = $2 AND used_at IS NULL
          AND expires_at > $4 AND attempts < $5
        RETURNING used_at IS NOT NULL AS accepted`,
      [bookingId, purpose, codeHash, now, maxAttempts],
    );
    if (rows.length === 0) return 'refused';
    return rows[0].accepted ? 'accepted' : 'wrong';
  }

  /** Codes that can no longer be used are of no further interest. */
  async deleteExpired(now: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      'DELETE FROM guest_access_codes WHERE expires_at <= $1 OR used_at IS NOT NULL',
      [now],
    );
    return rowCount ?? 0;
  }
}
