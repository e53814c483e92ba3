import { type TradeRow, tradeRepository } from '@retaille/db';
import {
  gramsToKg,
  type MaterialHolder,
  materialHandoverEntry,
  money,
  paymentCapturedEntry,
  repriceForMeasuredWeight,
  settlementEntry,
  splitAfterRefund,
  type TradeEffect,
  type TradeEffectType,
} from '@retaille/domain';
import type { Enqueue } from '../jobs/job-queue.ts';
import { breakdownOf, type TradeChanges, type TradeServiceDeps, type Trx } from './trade-context.ts';
import { moveQuantity, post, queueRefund } from './trade-writes.ts';

/** What a handler sees: the trade as the transition and the effects before it left it (read-only). */
export interface EffectEnv {
  trx: Trx;
  enqueue: Enqueue;
  trade: Readonly<TradeRow>;
  now: Date;
  /** The history row of the transition; set for the follow-ups, which run once it is written. */
  event: { id: string; seq: number } | null;
  deps: Pick<TradeServiceDeps, 'recordImpact'>;
}

/** One handler per effect type: it does its writes and returns what it changes on the trade row. */
type Handlers = {
  [T in TradeEffectType]: (
    effect: Extract<TradeEffect, { type: T }>,
    env: EffectEnv,
  ) => Promise<TradeChanges>;
};

const NO_CHANGE: TradeChanges = {};

/** The key of the `trade.notify` job of one history row: a retried transaction never queues it twice. */
export const notifyJobKey = (tradeId: string, seq: number) => `trade.notify:${tradeId}:${seq}`;

const handlers: Handlers = {
  reserve_quantity: async (_e, { trx, trade }) => {
    await moveQuantity(trx, trade, 'reserve');
    return NO_CHANGE;
  },
  release_quantity: async (_e, { trx, trade }) => {
    await moveQuantity(trx, trade, 'release');
    return NO_CHANGE;
  },
  consume_quantity: async (_e, { trx, trade }) => {
    await moveQuantity(trx, trade, 'consume');
    return NO_CHANGE;
  },
  // Made after commit by the payments runner (a network call must not hold the row locks).
  create_checkout_session: async () => NO_CHANGE,
  expire_checkout_session: async (_e, { trx, trade, now }) => {
    await tradeRepository.insertPaymentEffect(
      trx,
      { tradeId: trade.id, kind: 'expire_checkout', amountCents: 0 },
      now,
    );
    return NO_CHANGE;
  },
  ledger_payment_captured: async ({ payment }, { trx, trade, now }) => {
    if (!payment) throw new Error('mark_paid without a payment');
    await post(trx, paymentCapturedEntry(trade.id, money(payment.amountCents)), now);
    return { payment_intent_id: payment.paymentIntentId, paid_cents: trade.paid_cents + payment.amountCents };
  },
  record_pickup_proposal: async ({ slot, proposedBy }) => ({
    pickup_start: slot.start,
    pickup_end: slot.end,
    pickup_proposed_by: proposedBy,
    pickup_agreed_at: null,
  }),
  confirm_pickup_slot: async (_e, { now }) => ({ pickup_agreed_at: now }),
  record_handover_weight: async ({ grams }, { now }) => ({ handover_grams: grams, handed_over_at: now }),
  ledger_material_handover: async ({ grams }, { trx, trade, now }) => {
    const to: MaterialHolder = trade.buyer_site_id
      ? { siteId: trade.buyer_site_id }
      : { personId: trade.buyer_user_id };
    await post(
      trx,
      materialHandoverEntry(trade.id, { from: { siteId: trade.seller_site_id }, to, grams }),
      now,
    );
    return NO_CHANGE;
  },
  record_dispute: async ({ reason }, { now }) => ({ dispute_reason: reason, dispute_opened_at: now }),
  refund_payment: async ({ reason }, { trx, trade, now }) => {
    const decided = await tradeRepository.sumRefundsDecided(trx, trade.id);
    const refundable = trade.paid_cents - decided;
    if (refundable > 0) await queueRefund(trx, trade, refundable, reason, now);
    return { final_total_cents: 0, final_platform_fee_cents: 0, final_seller_payout_cents: 0 };
  },
  refund_weight_difference: async (_e, { trx, trade, now }) => {
    const original = breakdownOf(trade);
    let final = original;
    if (trade.unit === 'kg' && trade.handover_grams !== null) {
      const repricing = repriceForMeasuredWeight(original, gramsToKg(trade.handover_grams));
      final = repricing.final;
      if (repricing.refund.cents > 0) {
        await queueRefund(trx, trade, repricing.refund.cents, 'weight_difference', now);
      }
    }
    return {
      final_total_cents: final.total.cents,
      final_platform_fee_cents: final.platformFee.cents,
      final_seller_payout_cents: final.sellerPayout.cents,
    };
  },
  refund_partial: async ({ refundCents }, { trx, trade, now }) => {
    const decided = await tradeRepository.sumRefundsDecided(trx, trade.id);
    const paid = { ...breakdownOf(trade), total: money(trade.paid_cents) };
    // Throws VALIDATION trade.refundExceedsPaid before anything is written.
    const split = splitAfterRefund(paid, money(refundCents), money(decided));
    await queueRefund(trx, trade, refundCents, 'dispute', now);
    return {
      dispute_refund_cents: refundCents,
      final_total_cents: split.retained.cents,
      final_platform_fee_cents: split.platformFee.cents,
      final_seller_payout_cents: split.sellerPayout.cents,
    };
  },
  // What the trade retains was set by the refund effect before it (the table orders them).
  ledger_settlement: async (_e, { trx, trade, now }) => {
    const platformFeeCents = trade.final_platform_fee_cents ?? 0;
    const sellerPayoutCents = trade.final_seller_payout_cents ?? 0;
    if (platformFeeCents + sellerPayoutCents === 0) return NO_CHANGE;
    await post(
      trx,
      settlementEntry(trade.id, {
        platformFee: money(platformFeeCents),
        sellerPayout: money(sellerPayoutCents),
      }),
      now,
    );
    return NO_CHANGE;
  },
  transfer_to_seller: async (_e, { trx, trade, now }) => {
    const payout = trade.final_seller_payout_cents ?? 0;
    if (payout > 0) {
      await tradeRepository.insertPaymentEffect(
        trx,
        { tradeId: trade.id, kind: 'transfer', amountCents: payout },
        now,
      );
    }
    return NO_CHANGE;
  },
  // Same transaction as the completion; the recorder is idempotent (one record per trade).
  record_impact: async (_e, { trx, trade, now, deps }) => {
    await deps.recordImpact?.(trx, trade, now);
    return NO_CHANGE;
  },
  notify: async ({ event }, { trade, enqueue, event: row }) => {
    if (!row) throw new Error('notify before the history row was written');
    await enqueue(
      'trade.notify',
      { tradeId: trade.id, eventId: row.id, event },
      { key: notifyJobKey(trade.id, row.seq) },
    );
    return NO_CHANGE;
  },
};

/** Runs one effect with its handler. */
export function runEffect(effect: TradeEffect, env: EffectEnv): Promise<TradeChanges> {
  const handler = handlers[effect.type] as (e: TradeEffect, env: EffectEnv) => Promise<TradeChanges>;
  return handler(effect, env);
}

/**
 * Runs effects in order; each sees the trade with the changes of those before it (a refund's
 * final split for the settlement and the transfer) and the changes are returned together.
 */
export async function runEffects(
  effects: readonly TradeEffect[],
  env: EffectEnv,
): Promise<{ trade: TradeRow; changes: TradeChanges }> {
  let trade: TradeRow = { ...env.trade };
  let changes: TradeChanges = {};
  for (const effect of effects) {
    const change = await runEffect(effect, { ...env, trade });
    changes = { ...changes, ...change };
    trade = { ...trade, ...change };
  }
  return { trade, changes };
}
