import {
  type Database,
  type LotRow,
  lotRepository,
  membershipRepository,
  type SiteRow,
  siteRepository,
  type TradeRow,
  type Transaction,
  tradeRepository,
} from '@retaille/db';
import {
  applyTransition,
  assertChargeable,
  availableOf,
  DomainError,
  fitsAvailable,
  type PriceBreakdown,
  priceTrade,
  requestedQuantity,
  type TransitionResult,
} from '@retaille/domain';
import type { Enqueue } from '../jobs/job-queue.ts';
import { assertPricedLotRequestable } from './seller-readiness.ts';
import type { TradeDto, TradeRequestInput } from './trade.dto.ts';
import { conflict, fieldError, MESSAGE_MAX_LENGTH, type TradeServiceDeps } from './trade-context.ts';
import { runEffects } from './trade-effect-handlers.ts';
import { eventParams } from './trade-engine.ts';
import { dtoOf } from './trade-read-model.ts';

/** A request checked against the lot, the parties and the price, ready to be written. */
export interface PreparedTradeRequest {
  userId: string;
  lot: LotRow;
  /** The seller site, as read for the checks (its name is in the answer). */
  site: SiteRow;
  buyerSiteId: string | null;
  quantity: string;
  message: string;
  price: PriceBreakdown;
  result: TransitionResult;
  now: Date;
}

/**
 * Checks a buyer's request (lot requestable, not their own, quantity available, seller payable
 * when priced) and prices it; nothing is written. The `request` transition of the table decides
 * the first state.
 */
export async function prepareTradeRequest(
  deps: TradeServiceDeps,
  userId: string,
  input: TradeRequestInput,
  now: Date,
): Promise<PreparedTradeRequest> {
  const db = deps.db;
  const lot = await lotRepository.findLot(db, input.lotId);
  if (!lot) throw new DomainError('NOT_FOUND', 'lot.notFound');
  if (lot.status !== 'published' && lot.status !== 'reserved') throw conflict('trade.lotNotAvailable');
  await deps.assertMayTrade?.({ lotId: lot.id, siteId: lot.site_id, userIds: [userId] });
  if (await membershipRepository.findRole(db, lot.site_id, userId)) {
    throw new DomainError('FORBIDDEN', 'trade.ownLot');
  }
  const buyerSiteId = input.buyerSiteId ?? null;
  if (buyerSiteId !== null && !(await membershipRepository.findRole(db, buyerSiteId, userId))) {
    throw fieldError('buyerSiteId', 'trade.notBuyerSiteMember');
  }
  const quantity = requestedQuantity(input.quantity);
  const stock = { quantity: lot.quantity, reserved: lot.quantity_reserved, sold: lot.quantity_sold };
  if (!fitsAvailable(stock, quantity)) {
    throw fieldError('quantity', 'trade.quantityExceedsAvailable', {
      available: availableOf(stock),
      unit: lot.unit,
    });
  }
  const message = input.message?.trim() ?? '';
  if (message.length > MESSAGE_MAX_LENGTH) {
    throw fieldError('message', 'field.tooLong', { max: MESSAGE_MAX_LENGTH });
  }
  const site = await siteRepository.findSiteById(db, lot.site_id);
  if (!site) throw new DomainError('NOT_FOUND', 'site.notFound');
  await assertPricedLotRequestable(db, deps.gateway, lot, now);
  const price = priceTrade({
    unitPriceCents: lot.price_cents ?? 0,
    quantity,
    platformFeeBps: deps.platformFeeBps,
    sellerVatRateBps: site.vat_rate_bps,
  });
  assertChargeable(price);
  const result = applyTransition({ state: 'initial', isPaid: !price.isFree }, 'request', 'buyer', now, {
    timings: deps.timings,
  });
  return { userId, lot, site, buyerSiteId, quantity, message, price, result, now };
}

/** Writes a prepared request in the caller's transaction: the trade, its event, effects, timers, note. */
export async function writeTradeRequest(
  deps: TradeServiceDeps,
  trx: Transaction<Database>,
  enqueue: Enqueue,
  p: PreparedTradeRequest,
): Promise<TradeRow> {
  const { lot, price, result, now, quantity } = p;
  const trade = await tradeRepository.insertTrade(trx, {
    lot_id: lot.id,
    seller_site_id: lot.site_id,
    buyer_user_id: p.userId,
    buyer_site_id: p.buyerSiteId,
    quantity,
    unit: lot.unit,
    unit_price_cents: price.unitPrice.cents,
    subtotal_cents: price.subtotal.cents,
    vat_rate_bps: price.sellerVatRateBps,
    vat_cents: price.vat.cents,
    total_cents: price.total.cents,
    platform_fee_bps: price.platformFeeBps,
    platform_fee_cents: price.platformFee.cents,
    seller_payout_cents: price.sellerPayout.cents,
    is_paid: !price.isFree,
    state: result.state,
    state_entered_at: now,
    created_at: now,
    updated_at: now,
  });
  const event = await tradeRepository.insertEvent(trx, {
    trade_id: trade.id,
    transition: 'request',
    from_state: 'initial',
    to_state: result.state,
    actor_role: 'buyer',
    actor_user_id: p.userId,
    params: JSON.stringify({ ...eventParams(result.effects, undefined), quantity }),
    created_at: now,
  });
  // The request's own effects (none today) and its follow-ups (notify) change nothing on the row.
  const env = { trx, enqueue, now, deps, trade };
  await runEffects(result.effects, { ...env, event: null });
  await runEffects(result.followUps, { ...env, event });
  // A new trade has no timers yet: insert them, no delete first.
  await tradeRepository.insertTimers(
    trx,
    trade.id,
    result.timers.map((t) => ({ transition: t.name, dueAt: t.at })),
  );
  if (p.message !== '') {
    await tradeRepository.insertMessage(trx, {
      trade_id: trade.id,
      author_user_id: p.userId,
      author_role: 'buyer',
      body: p.message,
      created_at: now,
    });
  }
  return trade;
}

/**
 * The new trade's answer from what the request already read and wrote — the lot and site of the
 * checks, the buyer (the caller), the first timer of the transition — instead of reading them again.
 */
export function requestedTradeDto(p: PreparedTradeRequest, trade: TradeRow, buyerName: string): TradeDto {
  const first = [...p.result.timers].sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  return dtoOf(trade, ['buyer'], {
    lot: p.lot,
    site: p.site,
    buyerName,
    next: first ? { transition: first.name, due_at: first.at } : undefined,
  });
}
