import { type DatabaseHandle, tradeRepository } from '@retaille/db';
import type { TradeState, TravelMode } from '@retaille/domain';
import type { StripeEmulator } from '@retaille/payments';
import type { UserActor } from '../auth/actor.ts';
import type { TradeService } from '../trades/trade.service.ts';

/** A lot open for the live trades, with its seller (owner of the site) and the unit price. */
export interface TradableLot {
  id: string;
  siteId: string;
  unit: string;
  quantity: number;
  priceCents: number | null;
  seller: UserActor;
}

/** Where a scripted trade stops: the state the transition table leaves it in. */
export type DemoTradeTarget =
  | 'requested'
  | 'declined'
  | 'cancelled'
  | 'expired'
  | 'accepted'
  | 'payment_pending'
  | 'paid'
  | 'pickup_proposed'
  | 'pickup_scheduled'
  | 'handed_over'
  | 'completed'
  | 'disputed'
  | 'resolved';

export interface DemoTradeScript {
  target: DemoTradeTarget;
  lot: TradableLot;
  buyer: UserActor;
  /** Buying for one of the buyer's sites (a workshop buying from another). */
  buyerSiteId?: string;
  travel?: TravelMode;
  messages?: { from: 'buyer' | 'seller'; body: string }[];
}

const DAY = 86_400_000;

/**
 * Drives each scripted trade through the real commands (request, accept, pay on the Stripe
 * emulator, pickup, handover, receipt, dispute…) so the rows, events, ledger, timers and notices
 * are what the app makes. Paid scripts need the emulator and an onboarded seller; without the
 * emulator (live Stripe) they are skipped. Returns the states reached.
 */
export async function playDemoTrades(deps: {
  db: DatabaseHandle['db'];
  trades: TradeService;
  emulator: StripeEmulator | undefined;
  operator: UserActor;
  scripts: DemoTradeScript[];
  now: () => Date;
}): Promise<TradeState[]> {
  const { trades } = deps;
  const reached: TradeState[] = [];
  for (const script of deps.scripts) {
    const paid = (script.lot.priceCents ?? 0) > 0;
    if (paid && !deps.emulator) continue;
    const { lot, buyer } = script;
    const seller = lot.seller;
    const quantity = Math.max(1, Math.min(lot.quantity, lot.unit === 'kg' ? 5 : 2));
    let t = await trades.request(buyer, {
      lotId: lot.id,
      quantity,
      buyerSiteId: script.buyerSiteId ?? null,
      message: script.messages?.[0]?.from === 'buyer' ? script.messages[0].body : undefined,
    });
    for (const m of script.messages?.slice(script.messages[0]?.from === 'buyer' ? 1 : 0) ?? []) {
      await trades.sendMessage(m.from === 'buyer' ? buyer : seller, t.id, m.body);
    }
    const target = script.target;
    if (target === 'requested') {
      reached.push(t.state);
      continue;
    }
    if (target === 'declined') {
      reached.push((await trades.decline(seller, t.id)).state);
      continue;
    }
    if (target === 'cancelled') {
      reached.push((await trades.cancel(buyer, t.id)).state);
      continue;
    }
    if (target === 'expired') {
      // The request's expiry timer, run early for this trade only.
      await trades.runDueTimers(new Date(deps.now().getTime() + 30 * DAY), t.id);
      reached.push((await trades.get(buyer, t.id)).state);
      continue;
    }
    t = await trades.accept(seller, t.id);
    if (paid) {
      if (target === 'payment_pending') {
        reached.push(t.state);
        continue;
      }
      await payOnEmulator(deps.db, trades, deps.emulator!, buyer, t.id);
      t = await trades.get(buyer, t.id);
    }
    if (target === 'accepted' || target === 'paid') {
      reached.push(t.state);
      continue;
    }
    const start = new Date(deps.now().getTime() + 2 * DAY);
    start.setUTCHours(8, 0, 0, 0);
    t = await trades.proposePickup(buyer, t.id, { start, end: new Date(start.getTime() + 2 * 3_600_000) });
    if (target === 'pickup_proposed') {
      reached.push(t.state);
      continue;
    }
    t = await trades.agreePickup(seller, t.id);
    if (target === 'pickup_scheduled') {
      reached.push(t.state);
      continue;
    }
    const kg = lot.unit === 'kg' ? quantity : 2 * quantity;
    const travel = script.travel ? { mode: script.travel, roundTrip: script.travel !== 'carrier' } : null;
    t = await trades.handOver(seller, t.id, kg, null, travel);
    if (target === 'handed_over') {
      reached.push(t.state);
      continue;
    }
    if (target === 'completed') {
      reached.push((await trades.confirmReceipt(buyer, t.id)).state);
      continue;
    }
    t = await trades.openDispute(buyer, t.id, 'Une partie du lot ne correspond pas aux photos.');
    if (target === 'resolved') {
      t = await trades.resolveDispute(deps.operator, t.id, { kind: 'release' });
    }
    reached.push(t.state);
  }
  return reached;
}

/** The buyer pays the Checkout session on the emulator; its webhook is handed to the service. */
async function payOnEmulator(
  db: DatabaseHandle['db'],
  trades: TradeService,
  emulator: StripeEmulator,
  buyer: UserActor,
  tradeId: string,
): Promise<void> {
  await trades.checkoutUrl(buyer, tradeId);
  const sessionId = (await tradeRepository.findTrade(db, tradeId))?.checkout_session_id;
  if (!sessionId) throw new Error(`demo trade ${tradeId}: no checkout session`);
  await emulator.payCheckoutSession(sessionId, buyer.email);
  const event = emulator.events.findLast((e) => e.type === 'checkout.session.completed');
  if (!event) throw new Error(`demo trade ${tradeId}: no checkout.session.completed event`);
  const payload = emulator.payloadOf(event.id);
  await trades.handleStripeWebhook(payload, emulator.signatureHeader(payload));
}
