import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';

/** Operational gauges for /metrics: cheap grouped counts, read on each scrape. */
export async function tradesByState(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('trade')
    .select((eb) => ['state', eb.fn.countAll<string>().as('n')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** Payment effects (Stripe calls queued by trades) that are not done, by status. */
export async function paymentEffectsByStatus(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('trade_payment_effect')
    .select((eb) => ['status', eb.fn.countAll<string>().as('n')])
    .where('status', '<>', 'done')
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
