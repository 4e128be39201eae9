export { MailModule } from './mail.module';
export { Mailbox, type OutgoingMail } from './mailbox';
