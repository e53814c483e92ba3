import type { Config } from '@retaille/config';
import { type DatabaseHandle, mailOutboxRepository } from '@retaille/db';
import { createTransport } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** What the message is for: `verify-email`, `reset-password`, `invitation`… */
  kind: string;
}

/** The one way out for e-mail. Every message is also recorded in `mail_outbox`. */
export interface Mailer {
  readonly transport: 'outbox' | 'smtp';
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * Without SMTP configured, messages stay in the outbox table and the development page lists
 * them, so sign-up, reset and invitation flows work offline. With SMTP they are sent and logged.
 */
export function createMailer(config: Config, db: DatabaseHandle['db']): Mailer {
  if (!config.SMTP_URL) {
    return {
      transport: 'outbox',
      async send(mail) {
        await mailOutboxRepository.insertMail(db, {
          to_address: mail.to.toLowerCase(),
          subject: mail.subject,
          text_body: mail.text,
          html_body: mail.html ?? null,
          kind: mail.kind,
          transport: 'outbox',
        });
      },
    };
  }
  const smtp = createTransport(config.SMTP_URL);
  return {
    transport: 'smtp',
    async send(mail) {
      let error: string | null = null;
      try {
        await smtp.sendMail({
          from: config.MAIL_FROM,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      await mailOutboxRepository.insertMail(db, {
        to_address: mail.to.toLowerCase(),
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html ?? null,
        kind: mail.kind,
        transport: 'smtp',
        sent_at: error ? null : new Date(),
        error,
      });
      if (error) throw new Error(`SMTP delivery failed: ${error}`);
    },
  };
}
