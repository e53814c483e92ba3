import { type Kysely, sql } from 'kysely';

/**
 * Photo quotas count an uploader's recent photos and stored bytes; the periodic clean-up finds
 * photos never attached to a lot. Both scans stay on an index as the table grows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('lot_photo_uploader_idx')
    .on('lot_photo')
    .columns(['uploaded_by', 'created_at'])
    .execute();
  await db.schema
    .createIndex('lot_photo_unattached_idx')
    .on('lot_photo')
    .column('created_at')
    .where(sql.ref('lot_id'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('lot_photo_unattached_idx').execute();
  await db.schema.dropIndex('lot_photo_uploader_idx').execute();
}
