import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '@app/config';

/**
 * `<{localPart}@{the sender's domain}>`: a Message-ID of the service's own, stable for one
 * message, so a resent duplicate is recognisable.
 */
export function messageIdOf(localPart: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<${localPart}@${domain}>`;
}

export interface OutgoingMail {
  /** A stable Message-ID lets the recipient's client recognise a resent duplicate. */
  messageId?: string;
  to: string | string[];
  subject: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * Sends e-mail through SMTP_URL. With no SMTP server configured (the embedded default) the
 * message is built all the same and filed as an .eml under DATA_DIR/outbox, so a developer can
 * open what a customer would have received.
 *
 * SMTP connections are pooled: opening one per message (TCP, greeting, EHLO, and TLS and AUTH in
 * production) cost ~100 ms of every ticket mail, more than rendering its PDF; `?pool=false` in
 * SMTP_URL opens one per message again. The pool is closed at application shutdown, after the
 * jobs still running (finished in `beforeApplicationShutdown`) have sent their mail.
 */
@Injectable()
export class Mailbox implements OnApplicationShutdown {
  private readonly transport: Transporter<{ messageId?: string; message?: unknown }>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = createTransport(
      config.mail.smtpUrl
        ? { url: config.mail.smtpUrl, pool: true }
        : { streamTransport: true, buffer: true, newline: 'unix' },
    );
  }

  /** `label` names the outbox file (e.g. the booking reference); it is not part of the mail. */
  async send(mail: OutgoingMail, label: string): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({ from: this.config.mail.from, ...mail });
    if (!this.config.mail.smtpUrl && Buffer.isBuffer(info.message)) {
      const outbox = join(this.config.dataDir, 'outbox');
      await mkdir(outbox, { recursive: true });
      const safeLabel = label.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60);
      await writeFile(join(outbox, `${Date.now()}-${safeLabel}.eml`), info.message);
    }
    return { messageId: String(info.messageId ?? '') };
  }

  onApplicationShutdown(): void {
    if (this.config.mail.smtpUrl) this.transport.close();
  }
}
