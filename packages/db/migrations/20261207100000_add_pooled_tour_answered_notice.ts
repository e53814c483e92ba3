import { type Kysely, sql } from 'kysely';

/** The kinds the notification table accepted before, plus a pooled tour's answer. */
const KINDS_BEFORE = [
  'lot_matches_request',
  'allocation_proposal',
  'lot_offer',
  'lot_matches_search',
  'trade_requested',
  'trade_accepted',
  'trade_payment_due',
  'trade_declined',
  'trade_withdrawn',
  'trade_expired',
  'trade_paid',
  'pickup_proposed',
  'pickup_agreed',
  'trade_cancelled',
  'trade_handed_over',
  'trade_received',
  'trade_disputed',
  'trade_completed',
  'dispute_resolved',
  'pooled_tour_proposed',
];
const inList = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * A pooled tour's coordinator is told when a stop's buyer or seller accepts or declines it
 * (`pooled_tour_answered`): the bell says when a tour is ready to drive or needs planning again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in (${inList([...KINDS_BEFORE, 'pooled_tour_answered'])}))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from notification where kind = 'pooled_tour_answered'`.execute(db);
  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in (${inList(KINDS_BEFORE)}))`.execute(
    db,
  );
}
