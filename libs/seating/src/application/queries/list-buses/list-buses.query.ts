import { Query } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';
import type { Bus } from '../../../domain/catalog.types';
import type { BusSummary } from '../../../infrastructure/catalog.repository';

export interface BusView extends Omit<BusSummary, 'createdAt'> {
  createdAt: string;
}

export interface BusPage {
  items: BusView[];
  total: number;
  limit: number;
  offset: number;
}

/** The registered buses, newest first (admin). */
export class ListBusesQuery extends Query<BusPage> {
  constructor(
    readonly caller: Caller,
    readonly page: { limit: number; offset: number },
  ) {
    super();
  }
}

/** One bus with its seat layout (admin). */
export class GetBusQuery extends Query<Bus> {
  constructor(
    readonly caller: Caller,
    readonly busId: string,
  ) {
    super();
  }
}
