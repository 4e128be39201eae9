import { Module, OnModuleInit } from '@nestjs/common';
import { InlineProjectionRegistry } from '@app/event-store';
import { BookingDomainModule } from '@app/booking-domain';
import { APP_CONFIG, AppConfig } from '@app/config';
import { MailModule } from '@app/mail';
import { SeatingModule } from '@app/seating';
import { IssueETicketHandler } from './application/commands/issue-e-ticket/issue-e-ticket.handler';
import { EmailTicketHandler } from './application/commands/email-ticket/email-ticket.handler';
import { VerifyTicketHandler } from './application/commands/verify-ticket/verify-ticket.handler';
import { GetETicketPreviewHandler } from './application/queries/get-e-ticket-preview/get-e-ticket-preview.handler';
import { ListTicketRevocationsHandler } from './application/queries/list-ticket-revocations/list-ticket-revocations.handler';
import { TicketRevocationsProjection } from './application/projections/ticket-revocations.projection';
import { TicketIssuer } from './application/ticket-issuer';
import { TicketDelivery } from './application/ticket-delivery';
import { TicketEmailJobs } from './application/ticket-email.jobs';
import { ETicketArchive } from './infrastructure/e-ticket.archive';
import { TicketSigner, ticketKeyFrom } from './infrastructure/ticket-signer';
import { PdfRenderer } from './infrastructure/pdf-renderer';

@Module({
  imports: [SeatingModule, BookingDomainModule, MailModule],
  providers: [
    {
      provide: TicketSigner,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TicketSigner(ticketKeyFrom(config.tickets.signingKey)),
    },
    {
      provide: PdfRenderer,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new PdfRenderer(config.brand.logoFile, config.tickets.pdfRenderThreads),
    },
    ETicketArchive,
    TicketIssuer,
    TicketDelivery,
    TicketEmailJobs,
    IssueETicketHandler,
    EmailTicketHandler,
    GetETicketPreviewHandler,
    VerifyTicketHandler,
    ListTicketRevocationsHandler,
    TicketRevocationsProjection,
  ],
  exports: [TicketSigner, TicketIssuer, TicketEmailJobs, PdfRenderer],
})
export class TicketingModule implements OnModuleInit {
  constructor(
    private readonly projections: InlineProjectionRegistry,
    private readonly revocations: TicketRevocationsProjection,
  ) {}

  onModuleInit(): void {
    this.projections.register(this.revocations);
  }
}
