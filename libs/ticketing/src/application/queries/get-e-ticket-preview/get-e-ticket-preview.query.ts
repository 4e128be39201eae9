import { Query } from '@nestjs/cqrs';
import type { Caller } from '@app/auth';

/** The e-ticket as an HTML page (same content as the PDF). */
export class GetETicketPreviewQuery extends Query<string> {
  constructor(
    readonly caller: Caller,
    readonly bookingId: string,
  ) {
    super();
  }
}
