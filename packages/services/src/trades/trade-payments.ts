import {
  lotRepository,
  paymentAccountRepository,
  type TradePaymentEffectRow,
  type TradeRow,
  tradeRepository,
} from '@retaille/db';
import {
  type CapturedPayment,
  money,
  paymentAttemptsExhausted,
  paymentCapturedEntry,
  refundEntry,
  transferToSellerEntry,
} from '@retaille/domain';
import { isPaymentGatewayError } from '@retaille/payments';
import { breakdownOf, conflict, type TradeServiceDeps, type Trx } from './trade-context.ts';
import { post, queueRefund } from './trade-writes.ts';

/** Stripe calls that failed definitively are retried with a new attempt number this many times. */
const CHECKOUT_MAX_MS = 24 * 3_600_000 - 5 * 60_000;

/**
 * The Stripe side of trades: Checkout sessions, and the calls a transition queued in
 * `trade_payment_effect` (refunds, transfers, expiring a session), run after commit with
 * idempotency keys built from our ids; a failure stays queued for the next tick.
 */
export class PaymentsRunner {
  constructor(private readonly deps: TradeServiceDeps) {}

  /** A paid trade is accepted only when the seller can receive its transfer. */
  async assertSellerCanBePaid(siteId: string): Promise<void> {
    const account = await paymentAccountRepository.findSellerAccount(this.deps.db, siteId);
    if (!account) throw conflict('payments.sellerNotOnboarded');
    // The seller receives a transfer (separate charges and transfers): its `transfers` capability
    // decides, not `charges_enabled` (the card_payments capability it does not need).
    const status = await this.deps.gateway.getAccountStatus(account.stripe_account_id);
    await paymentAccountRepository.updateSellerAccountFlags(
      this.deps.db,
      account.stripe_account_id,
      status,
      this.deps.now(),
    );
    if (!status.transfersActive) throw conflict('payments.sellerNotOnboarded');
  }

  /** Stable across retries (same idempotency key, same parameters): derived from when payment became due. */
  checkoutExpiry(trade: TradeRow): Date {
    // The payment deadline; the gateway clamps it into Stripe's 30 min–24 h window counted from the
    // session's own creation (a late retry), so this floor only keeps the usual case unclamped.
    const ms = Math.min(Math.max(this.deps.timings.paymentExpiryMs, 35 * 60_000), CHECKOUT_MAX_MS);
    return new Date(trade.state_entered_at.getTime() + ms);
  }

  /** The trade's Checkout session, created once (idempotently); returns its URL and the trade as stored. */
  async ensureCheckoutSession(trade: TradeRow): Promise<{ url: string; trade: TradeRow }> {
    if (trade.checkout_url) return { url: trade.checkout_url, trade };
    const lot = await lotRepository.findLot(this.deps.db, trade.lot_id);
    const links = this.deps.links;
    const session = await this.deps.gateway.createCheckoutSession({
      tradeId: trade.id,
      amountCents: trade.total_cents,
      description: `${lot?.title ?? 'Lot'} — ${breakdownOf(trade).quantity} ${trade.unit}`.slice(0, 250),
      successUrl: links.tradePage(trade.id, { paiement: 'ok', session: '{CHECKOUT_SESSION_ID}' }),
      cancelUrl: links.tradePage(trade.id, { paiement: 'annule' }),
      expiresAt: this.checkoutExpiry(trade),
    });
    const updated = await tradeRepository.setCheckoutSession(this.deps.db, trade.id, session);
    if (updated) return { url: updated.checkout_url ?? session.url, trade: updated };
    // A concurrent creator stored it first (same idempotency key: the same session).
    const stored = await tradeRepository.findTrade(this.deps.db, trade.id);
    return { url: stored?.checkout_url ?? session.url, trade: stored ?? trade };
  }

  /** A payment that no transition expects (late, or a second one): recorded, then refunded in full. */
  async recordLatePayment(trx: Trx, trade: TradeRow, payment: CapturedPayment, now: Date): Promise<void> {
    const first = trade.payment_intent_id === null;
    const captured = paymentCapturedEntry(trade.id, money(payment.amountCents));
    await post(
      trx,
      first ? captured : { ...captured, key: `${captured.key}:${payment.paymentIntentId}` },
      now,
    );
    await tradeRepository.updateTrade(
      trx,
      trade.id,
      {
        paid_cents: trade.paid_cents + payment.amountCents,
        ...(first ? { payment_intent_id: payment.paymentIntentId } : {}),
      },
      now,
    );
    await queueRefund(
      trx,
      trade,
      payment.amountCents,
      first ? 'cancellation' : 'duplicate',
      now,
      payment.paymentIntentId,
    );
  }

  /** Runs the queued Stripe calls (of one trade, or all); failures stay queued for the next tick. */
  async runPaymentEffects(tradeId?: string): Promise<{ done: number; failed: number }> {
    const pending = await tradeRepository.listPendingPaymentEffects(this.deps.db, tradeId);
    let done = 0;
    let failed = 0;
    for (const effect of pending) {
      if (paymentAttemptsExhausted(effect)) continue;
      try {
        await this.runPaymentEffect(effect);
        done++;
      } catch (e) {
        failed++;
        const definitive = isPaymentGatewayError(e) && !e.retryable && e.code !== 'destination_not_ready';
        const code = e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : '';
        await tradeRepository.updatePaymentEffect(
          this.deps.db,
          effect.id,
          {
            status: 'failed',
            last_error: e instanceof Error ? `${code} ${e.message}`.trim() : String(e),
            // Stripe stores a definitive error under its key: a later retry needs a new attempt number.
            attempt: definitive ? effect.attempt + 1 : effect.attempt,
          },
          this.deps.now(),
        );
      }
    }
    return { done, failed };
  }

  private async runPaymentEffect(effect: TradePaymentEffectRow): Promise<void> {
    const gateway = this.deps.gateway;
    const trade = await tradeRepository.findTrade(this.deps.db, effect.trade_id);
    if (!trade) return;
    switch (effect.kind) {
      case 'expire_checkout': {
        const outcome = trade.checkout_session_id
          ? await gateway.expireCheckoutSession(trade.checkout_session_id)
          : ({ status: 'expired' } as const);
        await this.finishEffect(effect, null, async (trx, locked) => {
          if (outcome.status === 'complete' && outcome.paymentIntentId && locked.payment_intent_id === null) {
            // The buyer paid just before the cancellation: the money came in, it goes back.
            const payment = { paymentIntentId: outcome.paymentIntentId, amountCents: outcome.amountCents };
            await this.recordLatePayment(trx, locked, payment, this.deps.now());
          }
        });
        if (outcome.status === 'complete') await this.runPaymentEffects(trade.id);
        return;
      }
      case 'refund': {
        const paymentIntentId = effect.payment_intent_id ?? trade.payment_intent_id;
        if (!paymentIntentId || effect.amount_cents === 0) {
          await this.finishEffect(effect, null, async () => {});
          return;
        }
        const { refundId } = await gateway.refund({
          tradeId: trade.id,
          paymentIntentId,
          amountCents: effect.amount_cents,
          reason: effect.reason ?? 'cancellation',
          refundSeq: effect.seq,
        });
        await this.finishEffect(effect, refundId, async (trx, locked) => {
          const now = this.deps.now();
          await tradeRepository.updateTrade(
            trx,
            locked.id,
            { refunded_cents: locked.refunded_cents + effect.amount_cents },
            now,
          );
          await post(trx, refundEntry(locked.id, refundId, money(effect.amount_cents)), now);
        });
        return;
      }
      case 'transfer': {
        const account = await paymentAccountRepository.findSellerAccount(this.deps.db, trade.seller_site_id);
        if (!account) throw conflict('payments.sellerNotOnboarded');
        const { transferId } = await gateway.transferToSeller({
          tradeId: trade.id,
          destinationAccountId: account.stripe_account_id,
          amountCents: effect.amount_cents,
          sourcePaymentIntentId: trade.payment_intent_id ?? undefined,
          attempt: effect.attempt,
        });
        await this.finishEffect(effect, transferId, async (trx, locked) => {
          const now = this.deps.now();
          await tradeRepository.updateTrade(trx, locked.id, { transfer_id: transferId }, now);
          await post(trx, transferToSellerEntry(locked.id, money(effect.amount_cents)), now);
        });
        return;
      }
      default: {
        const unknown: never = effect.kind;
        throw new Error(`Unknown payment effect ${String(unknown)}`);
      }
    }
  }

  /** Marks a Stripe call done and records its consequences, once, under the trade's row lock. */
  private async finishEffect(
    effect: TradePaymentEffectRow,
    externalId: string | null,
    record: (trx: Trx, trade: TradeRow) => Promise<void>,
  ): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const trade = await tradeRepository.lockTrade(trx, effect.trade_id);
      const locked = await tradeRepository.lockPaymentEffect(trx, effect.id);
      if (!trade || !locked || locked.status === 'done') return;
      await record(trx, trade);
      await tradeRepository.updatePaymentEffect(
        trx,
        effect.id,
        { status: 'done', external_id: externalId, last_error: null },
        this.deps.now(),
      );
    });
  }
}
