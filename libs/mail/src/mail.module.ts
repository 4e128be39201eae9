import { Module } from '@nestjs/common';
import { MailerModule, MailerOptions } from '@nestjs-modules/mailer';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Mailbox } from './mailbox';

@Module({
  imports: [
    MailerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MailerOptions => ({
        // No SMTP server: nodemailer builds the message and the Mailbox files it in the outbox.
        transport: config.mail.smtpUrl ?? {
          streamTransport: true,
          buffer: true,
          newline: 'unix' as const,
        },
        defaults: { from: config.mail.from } as MailerOptions['defaults'],
      }),
    }),
  ],
  providers: [Mailbox],
  exports: [Mailbox],
})
export class MailModule {}
