import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SeatLayout } from '../domain/catalog.types';

/** A bus of the catalog read model (table from `Catalog1700000000100`), kept by the catalog projection. */
@Entity({ name: 'buses' })
export class BusRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'plate_number', type: 'text' })
  plateNumber: string;

  /** The plate number normalised for uniqueness (`normalizePlateNumber`). */
  @Column({ name: 'plate_key', type: 'text' })
  plateKey: string;

  @Column({ type: 'jsonb' })
  seats: SeatLayout[];

  @Column({ name: 'seat_count', type: 'integer' })
  seatCount: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
