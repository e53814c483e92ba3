import { type Kysely, sql } from 'kysely';

/**
 * Baskets (issue 17, bill-of-materials sourcing): the trades one « Tout demander » click
 * requested for a sourcing plan, grouped so the designer follows them on one page. `key` is the
 * client's idempotency key: the same key twice by the same buyer is one basket (a double click,
 * a retried request), enforced by the unique index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('basket')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('buyer_user_id', 'text', (c) => c.notNull().references('auth_user.id').onDelete('cascade'))
    .addColumn('key', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 120`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('basket_buyer_key_uniq')
    .on('basket')
    .columns(['buyer_user_id', 'key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('basket_buyer_idx')
    .on('basket')
    .columns(['buyer_user_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('basket_trade')
    .addColumn('basket_id', 'uuid', (c) => c.notNull().references('basket.id').onDelete('cascade'))
    .addColumn('trade_id', 'uuid', (c) => c.notNull().unique().references('trade.id').onDelete('cascade'))
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('basket_trade_pkey', ['basket_id', 'position'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('basket_trade').execute();
  await db.schema.dropTable('basket').execute();
}
