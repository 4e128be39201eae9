import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { GuestAccessCode } from './guest-access-code.entity';

export type CodePurpose = 'access' | 'claim';

/** What became of a code offered for checking. */
export type CodeCheck = 'accepted' | 'wrong' | 'refused';

/** The one-time codes' table (a TypeORM repository): hashes only, attempts counted, each code good once. */
@Injectable()
export class GuestAccessCodeStore {
  constructor(
    @InjectRepository(GuestAccessCode) private readonly codes: Repository<GuestAccessCode>,
  ) {}

  /** Stores a new code, replacing (and so voiding) any earlier one for the same purpose. */
  async replace(
    bookingId: string,
    purpose: CodePurpose,
    codeHash: string,
    expiresAt: Date,
    now: Date,
  ): Promise<void> {
    await this.codes.upsert(
      { bookingId, purpose, codeHash, expiresAt, attempts: 0, usedAt: null, createdAt: now },
      ['bookingId', 'purpose'],
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
    const { raw } = await this.codes
      .createQueryBuilder()
      .update()
      .set({
        attempts: () => 'attempts + 1',
        usedAt: () => 'CASE WHEN code_hash = :codeHash THEN CAST(:now AS timestamptz) END',
      })
      .where('booking_id = :bookingId AND purpose = :purpose AND used_at IS NULL', {
        bookingId,
        purpose,
      })
      .andWhere('expires_at > :now AND attempts < :maxAttempts', { now, maxAttempts })
      .setParameters({ codeHash })
      .returning('used_at IS NOT NULL AS accepted')
      .execute();
    const rows = raw as { accepted: boolean }[];
    if (rows.length === 0) return 'refused';
    return rows[0].accepted ? 'accepted' : 'wrong';
  }

  /** Codes that can no longer be used are of no further interest. */
  async deleteExpired(now: Date): Promise<number> {
    const { affected } = await this.codes
      .createQueryBuilder()
      .delete()
      .where('expires_at <= :now OR used_at IS NOT NULL', { now })
      .execute();
    return affected ?? 0;
  }
}
