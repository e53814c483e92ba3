import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { MailOutbox } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type MailRow = Selectable<MailOutbox>;

export async function insertMail(db: Db, row: Insertable<MailOutbox>): Promise<MailRow> {
  return db.insertInto('mail_outbox').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Several messages in one statement, in the order given. */
export async function insertMails(db: Db, rows: Insertable<MailOutbox>[]): Promise<MailRow[]> {
  if (rows.length === 0) return [];
  return db.insertInto('mail_outbox').values(rows).returningAll().execute();
}

export async function listMail(
  db: Db,
  options: { to?: string | undefined; limit: number },
): Promise<MailRow[]> {
  let q = db
    .selectFrom('mail_outbox')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(options.limit);
  if (options.to) q = q.where('to_address', '=', options.to.toLowerCase());
  return q.execute();
}

export async function findMail(db: Db, id: string): Promise<MailRow | undefined> {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records the outcome of an SMTP attempt (`sent_at` null with an error: it will be retried). */
export async function recordDelivery(
  db: Db,
  id: string,
  outcome: { sent_at: Date | null; error: string | null },
): Promise<void> {
  await db.updateTable('mail_outbox').set(outcome).where('id', '=', id).execute();
}
