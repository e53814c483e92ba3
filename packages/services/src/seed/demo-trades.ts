import { type DatabaseHandle, siteRepository, tradeRepository } from '@retaille/db';
import type { TradeState, TravelMode } from '@retaille/domain';
import type { StripeEmulator } from '@retaille/payments';
import type { UserActor } from '../auth/actor.ts';
import type { TradeDto } from '../trades/trade.dto.ts';
import type { TradeService } from '../trades/trade.service.ts';
import { sharedDemoSlot } from './demo-slots.ts';

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
  /** The pickup slot (a pooled tour's day); by default one inside the seller site's hours. */
  slot?: { start: Date; end: Date };
}

/** A played trade: its id and the state it reached. */
export interface PlayedTrade {
  tradeId: string;
  state: TradeState;
}

const DAY = 86_400_000;

/** The quantity a demo trade asks for: two pieces, or 5 kg, at most the lot. */
export const demoQuantity = (lot: TradableLot): number =>
  Math.max(1, Math.min(lot.quantity, lot.unit === 'kg' ? 5 : 2));

/** The weight the seller reads at handover: the kg asked, or 2 kg a piece. */
export const demoHandoverKg = (lot: TradableLot): number =>
  lot.unit === 'kg' ? demoQuantity(lot) : 2 * demoQuantity(lot);

/**
 * Drives each scripted trade through the real commands (request, accept, pay on the Stripe
 * emulator, pickup, handover, receipt, dispute…) so the rows, events, ledger, timers and notices
 * are what the app makes. Paid scripts need the emulator and an onboarded seller; without the
 * emulator (live Stripe) they are skipped. Returns the trades played.
 */
export async function playDemoTrades(deps: {
  db: DatabaseHandle['db'];
  trades: TradeService;
  emulator: StripeEmulator | undefined;
  operator: UserActor;
  scripts: DemoTradeScript[];
  now: () => Date;
}): Promise<PlayedTrade[]> {
  const reached: PlayedTrade[] = [];
  for (const script of deps.scripts) {
    const paid = (script.lot.priceCents ?? 0) > 0;
    if (paid && !deps.emulator) continue;
    try {
      const t = await playOne(deps, script, paid);
      reached.push({ tradeId: t.id, state: t.state });
    } catch (e) {
      // A demo trade that cannot be played must not stop the server's start: say so and go on.
      console.warn(
        `demo trade towards ${script.target} skipped: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  return reached;
}

/** One scripted trade, through the commands, up to its target; returns the trade as it ends. */
async function playOne(
  deps: Parameters<typeof playDemoTrades>[0],
  script: DemoTradeScript,
  paid: boolean,
): Promise<TradeDto> {
  const { trades } = deps;
  const { lot, buyer } = script;
  const seller = lot.seller;
  const quantity = demoQuantity(lot);
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
    return t;
  }
  if (target === 'declined') {
    return trades.decline(seller, t.id);
  }
  if (target === 'cancelled') {
    return trades.cancel(buyer, t.id);
  }
  if (target === 'expired') {
    // The request's expiry timer, run early for this trade only.
    await trades.runDueTimers(new Date(deps.now().getTime() + 30 * DAY), t.id);
    return trades.get(buyer, t.id);
  }
  t = await trades.accept(seller, t.id);
  if (paid) {
    if (target === 'payment_pending') {
      return t;
    }
    await payOnEmulator(deps.db, trades, deps.emulator!, buyer, t.id);
    t = await trades.get(buyer, t.id);
  }
  if (target === 'accepted' || target === 'paid') {
    return t;
  }
  // Inside the seller site's opening hours, as a buyer reading the site page would pick it.
  const hours = (await siteRepository.openingHoursOf(deps.db, [lot.siteId])).get(lot.siteId) ?? [];
  const slot = script.slot ?? sharedDemoSlot([hours], deps.now(), 2);
  t = await trades.proposePickup(buyer, t.id, { start: slot.start, end: slot.end });
  if (target === 'pickup_proposed') {
    return t;
  }
  t = await trades.agreePickup(seller, t.id);
  if (target === 'pickup_scheduled') {
    return t;
  }
  const travel = script.travel ? { mode: script.travel, roundTrip: script.travel !== 'carrier' } : null;
  t = await trades.handOver(seller, t.id, demoHandoverKg(lot), null, travel);
  if (target === 'handed_over') {
    return t;
  }
  if (target === 'completed') {
    return trades.confirmReceipt(buyer, t.id);
  }
  t = await trades.openDispute(buyer, t.id, 'Une partie du lot ne correspond pas aux photos.');
  if (target === 'resolved') {
    t = await trades.resolveDispute(deps.operator, t.id, { kind: 'release' });
  }
  return t;
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
