import { paymentAccountRepository, type TradeRow, tradeRepository } from '@retaille/db';
import { DomainError, type TransitionResult } from '@retaille/domain';
import { isWebhookSignatureError, type PaymentEvent, type WebhookEndpoint } from '@retaille/payments';
import type { TradeServiceDeps } from './trade-context.ts';
import type { TransitionEngine } from './trade-engine.ts';
import type { PaymentsRunner } from './trade-payments.ts';

export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored';

/** Runs what follows a committed transition (its Stripe calls, timers already due). */
export type Settle = (trade: TradeRow, result: TransitionResult | null, now: Date) => Promise<unknown>;

interface Applied {
  outcome: WebhookOutcome;
  result: TransitionResult | null;
  trade: TradeRow | null;
}

/**
 * A Stripe webhook: verified on the raw body, then applied in one transaction that also records
 * the event id, so a redelivery changes nothing. Bad signature or stale timestamp → VALIDATION
 * `payments.webhookSignature`, a verified event of an unexpected shape → `payments.webhookPayload`
 * (the route answers 400 to both) and nothing is written.
 */
export class StripeWebhookHandler {
  constructor(
    private readonly deps: TradeServiceDeps,
    private readonly engine: TransitionEngine,
    private readonly payments: PaymentsRunner,
    private readonly settle: Settle,
  ) {}

  async handle(
    rawBody: string | Buffer,
    signature: string | undefined,
    endpoint: WebhookEndpoint = 'platform',
  ): Promise<{ outcome: WebhookOutcome; eventId: string }> {
    let event: PaymentEvent;
    try {
      event = this.deps.gateway.parseWebhook(rawBody, signature, endpoint);
    } catch (e) {
      if (isWebhookSignatureError(e)) {
        // Signed by Stripe but not the shape we expect (a forged tradeId, an unknown id format): 400 too.
        const key =
          e.reason === 'malformed_payload' ? 'payments.webhookPayload' : 'payments.webhookSignature';
        throw new DomainError('VALIDATION', key, { reason: e.reason });
      }
      throw e;
    }
    const now = this.deps.now();
    const tradeId = 'tradeId' in event ? event.tradeId : null;
    // Read outside the transaction: the current account status makes the order of account events irrelevant.
    const accountStatus =
      event.kind === 'account_updated' ? await this.deps.gateway.getAccountStatus(event.accountId) : null;
    const known = tradeId ? await tradeRepository.findTrade(this.deps.db, tradeId) : undefined;

    const applied = await this.deps.jobs.transaction(async (trx, enqueue): Promise<Applied> => {
      const fresh = await paymentAccountRepository.markEventProcessed(
        trx,
        { eventId: event.eventId, type: event.type, tradeId: known ? known.id : null },
        now,
      );
      if (!fresh) return { outcome: 'duplicate', result: null, trade: null };
      if (event.kind === 'account_updated' && accountStatus) {
        await paymentAccountRepository.updateSellerAccountFlags(trx, event.accountId, accountStatus, now);
        return { outcome: 'processed', result: null, trade: null };
      }
      if (!known) return { outcome: 'ignored', result: null, trade: null };
      const trade = await tradeRepository.lockTrade(trx, known.id);
      if (!trade) return { outcome: 'ignored', result: null, trade: null };
      const system = { actorUserId: null, timed: false };
      switch (event.kind) {
        case 'checkout_completed': {
          if (event.paymentStatus !== 'paid') return { outcome: 'ignored', result: null, trade };
          if (trade.payment_intent_id === event.paymentIntentId)
            return { outcome: 'ignored', result: null, trade };
          const payment = { paymentIntentId: event.paymentIntentId, amountCents: event.amountCents };
          if (
            trade.state === 'payment_pending' &&
            trade.payment_intent_id === null &&
            event.amountCents === trade.total_cents
          ) {
            const done = await this.engine.apply(
              trx,
              enqueue,
              trade,
              'mark_paid',
              'system',
              { payment },
              now,
              system,
            );
            if (!done) throw new Error(`trade ${trade.id} changed under its row lock`);
            return { outcome: 'processed', result: done.result, trade: done.row };
          }
          // Paid after the trade was cancelled or expired, or paid a second time: record and refund it all.
          await this.payments.recordLatePayment(trx, trade, payment, now);
          return { outcome: 'processed', result: null, trade };
        }
        case 'checkout_expired': {
          if (trade.state !== 'payment_pending' || trade.checkout_session_id !== event.sessionId) {
            return { outcome: 'ignored', result: null, trade };
          }
          const done = await this.engine.apply(
            trx,
            enqueue,
            trade,
            'expire_payment',
            'system',
            undefined,
            now,
            system,
          );
          if (!done) throw new Error(`trade ${trade.id} changed under its row lock`);
          return { outcome: 'processed', result: done.result, trade: done.row };
        }
        case 'payment_refunded':
          // Our refunds are recorded when Stripe accepts them; the event only confirms (cumulative, any order).
          return { outcome: 'processed', result: null, trade };
        case 'account_updated':
        case 'unknown':
          return { outcome: 'ignored', result: null, trade };
        default: {
          const unknown: never = event;
          throw new Error(`Unhandled payment event ${JSON.stringify(unknown)}`);
        }
      }
    });
    if (applied.trade) await this.settle(applied.trade, applied.result, now);
    return { outcome: applied.outcome, eventId: event.eventId };
  }
}
