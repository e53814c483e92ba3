import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { LedgerEntry } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type LedgerEntryRow = Omit<Selectable<LedgerEntry>, 'amount_minor' | 'id'> & {
  id: number;
  amount_minor: number;
};

export interface LedgerPostingWrite {
  account: string;
  unit: string;
  amountMinor: number;
}

/**
 * Appends one journal entry (its postings) unless an entry with this key exists: the key is the
 * idempotency key (`payment_captured:<tradeId>`…). Returns whether it was written.
 */
export async function appendEntry(
  trx: Transaction<Database>,
  entry: { key: string; tradeId: string; event: string; postings: readonly LedgerPostingWrite[] },
  now: Date,
): Promise<boolean> {
  if (entry.postings.length === 0) return false;
  const r = await trx
    .insertInto('ledger_entry')
    .values(
      entry.postings.map((p, i) => ({
        entry_key: entry.key,
        posting_no: i + 1,
        trade_id: entry.tradeId,
        event: entry.event,
        account: p.account,
        unit: p.unit,
        amount_minor: p.amountMinor,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['entry_key', 'posting_no']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

const toRow = (r: Selectable<LedgerEntry>): LedgerEntryRow => ({
  ...r,
  id: Number(r.id),
  amount_minor: Number(r.amount_minor),
});

export async function listEntriesOfTrade(db: Db, tradeId: string): Promise<LedgerEntryRow[]> {
  const rows = await db
    .selectFrom('ledger_entry')
    .selectAll()
    .where('trade_id', '=', tradeId)
    .orderBy('id')
    .execute();
  return rows.map(toRow);
}

/** The whole journal in insertion order, a page at a time (`afterId` is the last id seen). */
export async function listEntriesPage(db: Db, afterId: number, limit = 5000): Promise<LedgerEntryRow[]> {
  const rows = await db
    .selectFrom('ledger_entry')
    .selectAll()
    .where('id', '>', String(afterId))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toRow);
}
