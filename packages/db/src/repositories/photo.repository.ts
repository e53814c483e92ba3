import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Serialises an uploader's quota check and insert: two uploads of the same account in parallel
 * cannot both pass the check. Held until the transaction ends.
 */
export async function lockUploader(trx: Transaction<Database>, userId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`lot_photo:${userId}`}, 0))`.execute(trx);
}

/** An uploader's photos since `since` and the bytes of everything they still store. */
export async function uploaderUsage(
  db: Db,
  userId: string,
  since: Date,
): Promise<{ recentCount: number; storedBytes: number }> {
  const r = await db
    .selectFrom('lot_photo')
    .select((eb) => [
      eb.fn.count<number>('id').filterWhere('created_at', '>', since).as('recent'),
      eb.fn.coalesce(eb.fn.sum<number>(sql`bytes + octet_length(thumb)`), sql<number>`0`).as('stored'),
    ])
    .where('uploaded_by', '=', userId)
    .executeTakeFirstOrThrow();
  return { recentCount: Number(r.recent), storedBytes: Number(r.stored) };
}

/**
 * Deletes photos uploaded before `before` and never attached to a lot. A single statement: two
 * servers running it at once cannot delete a row twice (the second waits on the row lock, then
 * skips the deleted rows). Attached photos are never touched.
 */
export async function deleteUnattachedBefore(db: Db, before: Date): Promise<number> {
  const r = await db
    .deleteFrom('lot_photo')
    .where('lot_id', 'is', null)
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * A new unattached photo with the same bytes as `sourceId` (stored in the database), uploaded by
 * `userId`: the demo loader processes each picture once and gives every lot its own row. Returns
 * undefined when the source keeps its bytes in an external store (empty columns).
 */
export async function copyStoredPhoto(
  db: Db,
  sourceId: string,
  userId: string,
  now: Date,
): Promise<{ id: string } | undefined> {
  return db
    .insertInto('lot_photo')
    .columns(['uploaded_by', 'width', 'height', 'image', 'thumb', 'content_type', 'bytes', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('lot_photo')
        .select([
          sql<string>`${userId}`.as('uploaded_by'),
          'width',
          'height',
          'image',
          'thumb',
          'content_type',
          'bytes',
          sql<Date>`${now}`.as('created_at'),
        ])
        .where('id', '=', sourceId)
        .where(sql<boolean>`octet_length(image) > 0`),
    )
    .returning('id')
    .executeTakeFirst();
}
