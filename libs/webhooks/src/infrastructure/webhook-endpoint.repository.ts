import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { WebhookEndpointRow } from './webhook-endpoint.entity';

/** Endpoints are admin configuration, read and written through their TypeORM repository. */
@Injectable()
export class WebhookEndpointRepository {
  constructor(
    @InjectRepository(WebhookEndpointRow) private readonly rows: Repository<WebhookEndpointRow>,
  ) {}

  count(): Promise<number> {
    return this.rows.count();
  }

  async add(row: WebhookEndpointRow): Promise<void> {
    await this.rows.insert(row);
  }

  find(id: string): Promise<WebhookEndpointRow | null> {
    return this.rows.findOneBy({ id });
  }

  list(): Promise<WebhookEndpointRow[]> {
    return this.rows.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async remove(id: string): Promise<boolean> {
    const { affected } = await this.rows.delete({ id });
    return (affected ?? 0) > 0;
  }

  async disable(id: string, reason: string, at: Date): Promise<void> {
    await this.rows.update(
      { id, status: 'active' },
      { status: 'disabled', disabledReason: reason, disabledAt: at },
    );
  }

  async enable(id: string): Promise<void> {
    await this.rows.update({ id }, { status: 'active', disabledReason: null, disabledAt: null });
  }
}
