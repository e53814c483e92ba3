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
  const reached: TradeState[] = [];
  for (const script of deps.scripts) {
    const paid = (script.lot.priceCents ?? 0) > 0;
    if (paid && !deps.emulator) continue;
    try {
      reached.push(await playOne(deps, script, paid));
    } catch (e) {
      // A demo trade that cannot be played must not stop the server's start: say so and go on.
      console.warn(
        `demo trade towards ${script.target} skipped: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  return reached;
}

/** One scripted trade, through the commands, up to its target; returns the state reached. */
async function playOne(
  deps: Parameters<typeof playDemoTrades>[0],
  script: DemoTradeScript,
  paid: boolean,
): Promise<TradeState> {
  const { trades } = deps;
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
    return t.state;
  }
  if (target === 'declined') {
    return (await trades.decline(seller, t.id)).state;
  }
  if (target === 'cancelled') {
    return (await trades.cancel(buyer, t.id)).state;
  }
  if (target === 'expired') {
    // The request's expiry timer, run early for this trade only.
    await trades.runDueTimers(new Date(deps.now().getTime() + 30 * DAY), t.id);
    return (await trades.get(buyer, t.id)).state;
  }
  t = await trades.accept(seller, t.id);
  if (paid) {
    if (target === 'payment_pending') {
      return t.state;
    }
    await payOnEmulator(deps.db, trades, deps.emulator!, buyer, t.id);
    t = await trades.get(buyer, t.id);
  }
  if (target === 'accepted' || target === 'paid') {
    return t.state;
  }
  const start = new Date(deps.now().getTime() + 2 * DAY);
  start.setUTCHours(8, 0, 0, 0);
  t = await trades.proposePickup(buyer, t.id, { start, end: new Date(start.getTime() + 2 * 3_600_000) });
  if (target === 'pickup_proposed') {
    return t.state;
  }
  t = await trades.agreePickup(seller, t.id);
  if (target === 'pickup_scheduled') {
    return t.state;
  }
  const kg = lot.unit === 'kg' ? quantity : 2 * quantity;
  const travel = script.travel ? { mode: script.travel, roundTrip: script.travel !== 'carrier' } : null;
  t = await trades.handOver(seller, t.id, kg, null, travel);
  if (target === 'handed_over') {
    return t.state;
  }
  if (target === 'completed') {
    return (await trades.confirmReceipt(buyer, t.id)).state;
  }
  t = await trades.openDispute(buyer, t.id, 'Une partie du lot ne correspond pas aux photos.');
  if (target === 'resolved') {
    t = await trades.resolveDispute(deps.operator, t.id, { kind: 'release' });
  }
  return t.state;
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
