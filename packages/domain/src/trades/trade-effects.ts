import type { TransitionName } from './trade-machine.ts';
import type { TradeParty } from './trade-states.ts';

/** What the payment provider confirmed for a checkout (the `mark_paid` parameters). */
export interface CapturedPayment {
  paymentIntentId: string;
  amountCents: number;
}

/** Why money goes back to the buyer; part of the refund's idempotency key and of the ledger entry. */
export type RefundReason = 'cancellation' | 'weight_difference' | 'dispute' | 'duplicate';

/**
 * A payout or refund call that failed definitively is retried automatically this many times; after
 * that it waits for an operator (the « Sommes dues » console), who retries or settles it by hand.
 */
export const AUTOMATIC_PAYMENT_ATTEMPTS = 5;

/** Whether a payment effect has used up its automatic attempts (`attempt` counts the tries made). */
export function paymentAttemptsExhausted(effect: { status: string; attempt: number }): boolean {
  return effect.status === 'failed' && effect.attempt > AUTOMATIC_PAYMENT_ATTEMPTS;
}

export interface PickupSlot {
  start: Date;
  end: Date;
}

/**
 * What a transition asks the services to do, as data. Services persist the new state and the
 * effects in one transaction, then run them idempotently (keys built from the trade id).
 * Money effects post their own ledger entry once the payment provider confirms them.
 */
export type TradeEffect =
  /** Count the requested quantity against the lot; fails the transition if it is no longer available. */
  | { type: 'reserve_quantity' }
  | { type: 'release_quantity' }
  /** Stripe Checkout Session for `total`, `transfer_group` = trade id. */
  | { type: 'create_checkout_session' }
  /** So that a buyer can no longer pay a cancelled or expired trade. */
  | { type: 'expire_checkout_session' }
  /** Ledger: buyer → stripe_clearing, for the captured total (the payment comes with `mark_paid`). */
  | { type: 'ledger_payment_captured'; payment?: CapturedPayment }
  | { type: 'record_pickup_proposal'; proposedBy: TradeParty; slot: PickupSlot }
  /** The slot last proposed is now agreed. */
  | { type: 'confirm_pickup_slot' }
  | { type: 'record_handover_weight'; grams: number }
  /** Ledger: `grams` from the seller's site to the buyer (site or person). */
  | { type: 'ledger_material_handover'; grams: number }
  | { type: 'record_dispute'; reason: string }
  /** Refund everything still refundable: `dispute` on a row that carries a resolution, else `cancellation`. */
  | { type: 'refund_payment'; reason: Extract<RefundReason, 'cancellation' | 'dispute'> }
  /** Refund `total − final total` at the measured weight (lots priced per kg; no-op otherwise or when 0). */
  | { type: 'refund_weight_difference' }
  | { type: 'refund_partial'; refundCents: number }
  /** Ledger: stripe_clearing → platform_fee + seller_payable, for what the trade retains. */
  | { type: 'ledger_settlement' }
  /** Stripe transfer of the seller payable to the connected account; then ledger seller_payable → seller_paid_out. */
  | { type: 'transfer_to_seller' }
  /** Impact ledger: kg reused, CO2e avoided net of transport. */
  | { type: 'record_impact' }
  /** The trade's reserved quantity leaves the lot for good (rows with `consumesQuantity`). */
  | { type: 'consume_quantity' }
  /**
   * Every transition (the request included) tells the parties: the services queue the
   * `trade.notify` job in the transaction of the change, keyed by the history row it wrote.
   */
  | { type: 'notify'; event: TransitionName };

export type TradeEffectType = TradeEffect['type'];
