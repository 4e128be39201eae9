export { TicketingModule } from './ticketing.module';
export { ticketingMigrations } from './infrastructure/ticketing.migrations';
export { TicketSigner, ticketKeyFrom } from './infrastructure/ticket-signer';
export { TicketIssuer } from './application/ticket-issuer';
export {
  IssueETicketCommand,
  type IssuedTicket,
} from './application/commands/issue-e-ticket/issue-e-ticket.command';
export {
  VerifyTicketCommand,
  TICKET_REFUSALS,
  type TicketCheck,
} from './application/commands/verify-ticket/verify-ticket.command';
export { GetETicketPreviewQuery } from './application/queries/get-e-ticket-preview/get-e-ticket-preview.query';
export { TicketEmailJobs, TICKET_EMAIL_QUEUE } from './application/ticket-email.jobs';
export { EmailTicketCommand } from './application/commands/email-ticket/email-ticket.command';
export { PdfRenderer, type PrintableTable } from './infrastructure/pdf-renderer';
export { type TicketDocument } from './application/ticket-document';
export {
  ListTicketRevocationsQuery,
  type TicketRevocationsPage,
} from './application/queries/list-ticket-revocations/list-ticket-revocations.query';
