import { Injectable } from '@nestjs/common';
import { SeatAllocationRepository } from '../infrastructure/seat-allocation.repository';

/** Holds whose time has passed without their expiry recorded: the worker's sweep list. */
@Injectable()
export class OverdueHolds {
  constructor(private readonly allocations: SeatAllocationRepository) {}

  list(now: Date, limit: number): Promise<{ lockId: string; tripId: string }[]> {
    return this.allocations.overdueHolds(now, limit);
  }
}
