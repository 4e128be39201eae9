export { MailModule } from './mail.module';
export { Mailbox, messageIdOf } from './mailbox';
