import type { Config } from '@retaille/config';
import { type Database, type DatabaseHandle, mailOutboxRepository, type Transaction } from '@retaille/db';
import { createTransport } from 'nodemailer';
import type { Enqueue } from '../jobs/job-queue.ts';

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
  /** Sends now (flows with no transaction of ours: better-auth's mails, invitations). */
  send(mail: OutgoingMail): Promise<void>;
  /**
   * Records a message in the caller's transaction, so it exists if and only if the state change
   * that caused it commits. Without SMTP that row is the delivery; with SMTP a `mail.deliver`
   * job, queued in the same transaction, sends it after the commit (with retries). Several
   * messages are recorded in one statement.
   */
  queue(
    trx: Transaction<Database>,
    enqueue: Enqueue,
    mail: OutgoingMail | readonly OutgoingMail[],
  ): Promise<void>;
  /**
   * The `mail.deliver` job. A message already sent is skipped, so a retried job does not send it
   * twice; a crash between the SMTP server's acceptance and the update can (at least once).
   */
  deliver(mailId: string): Promise<void>;
}

const list = (mail: OutgoingMail | readonly OutgoingMail[]): readonly OutgoingMail[] =>
  Array.isArray(mail) ? mail : [mail as OutgoingMail];

const row = (mail: OutgoingMail) => ({
  to_address: mail.to.toLowerCase(),
  subject: mail.subject,
  text_body: mail.text,
  html_body: mail.html ?? null,
  kind: mail.kind,
});

/**
 * Without SMTP configured, messages stay in the outbox table and the development page lists
 * them, so sign-up, reset and invitation flows work offline. With SMTP they are sent and logged.
 */
export function createMailer(config: Config, db: DatabaseHandle['db']): Mailer {
  if (!config.SMTP_URL) {
    return {
      transport: 'outbox',
      async send(mail) {
        await mailOutboxRepository.insertMail(db, { ...row(mail), transport: 'outbox' });
      },
      async queue(trx, _enqueue, mail) {
        await mailOutboxRepository.insertMails(
          trx,
          list(mail).map((m) => ({ ...row(m), transport: 'outbox' })),
        );
      },
      async deliver() {},
    };
  }
  const smtp = createTransport(config.SMTP_URL);
  const transmit = async (mail: OutgoingMail): Promise<string | null> => {
    try {
      await smtp.sendMail({
        from: config.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };
  return {
    transport: 'smtp',
    async send(mail) {
      const error = await transmit(mail);
      await mailOutboxRepository.insertMail(db, {
        ...row(mail),
        transport: 'smtp',
        sent_at: error ? null : new Date(),
        error,
      });
      if (error) throw new Error(`SMTP delivery failed: ${error}`);
    },
    async queue(trx, enqueue, mail) {
      const queued = await mailOutboxRepository.insertMails(
        trx,
        list(mail).map((m) => ({ ...row(m), transport: 'smtp' })),
      );
      for (const q of queued) await enqueue('mail.deliver', { mailId: q.id });
    },
    async deliver(mailId) {
      const queued = await mailOutboxRepository.findMail(db, mailId);
      if (!queued || queued.sent_at) return;
      const error = await transmit({
        to: queued.to_address,
        subject: queued.subject,
        text: queued.text_body,
        html: queued.html_body ?? undefined,
        kind: queued.kind,
      });
      await mailOutboxRepository.recordDelivery(db, mailId, { sent_at: error ? null : new Date(), error });
      if (error) throw new Error(`SMTP delivery failed: ${error}`);
    },
  };
}
