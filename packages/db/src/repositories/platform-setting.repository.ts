import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function findSetting(
  db: Db,
  key: string,
): Promise<{ value: unknown; updated_at: Date; updated_by: string | null } | undefined> {
  return db
    .selectFrom('platform_setting')
    .select(['value', 'updated_at', 'updated_by'])
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function putSetting(
  db: Db,
  key: string,
  value: unknown,
  by: string | null,
  at: Date,
): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('platform_setting')
    .values({ key, value: json, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_by: by, updated_at: at }))
    .execute();
}

/** The setting's value under a row lock (undefined when unset): claims like "the daily run is mine". */
export async function lockSetting(trx: Transaction<Database>, key: string): Promise<unknown> {
  const row = await trx
    .selectFrom('platform_setting')
    .select('value')
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirst();
  return row?.value;
}
