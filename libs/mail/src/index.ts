export { MailModule } from './mail.module';
export { Mailbox } from './mailbox';
