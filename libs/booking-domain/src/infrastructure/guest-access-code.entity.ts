import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A one-time code e-mailed to a guest booking's contact (table from `GuestAccessCodes…0202`). */
@Entity({ name: 'guest_access_codes' })
export class GuestAccessCode {
  @PrimaryColumn({ name: 'booking_id', type: 'uuid' })
  bookingId: string;

  @PrimaryColumn({ type: 'text' })
  purpose: 'access' | 'claim';

  /** A keyed hash of the code; the code itself is never stored. */
  @Column({ name: 'code_hash', type: 'text' })
  codeHash: string;

  @Index('guest_access_codes_expiry_idx')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
