import { type Database, type TradeRow, type Transaction, tradeRepository } from '@retaille/db';
import type { DisputeResolution, TradeActor, TransitionName, TransitionResult } from '@retaille/domain';
import { DomainError } from '@retaille/domain';
import { isPaymentGatewayError, type WebhookEndpoint } from '@retaille/payments';
import type { Actor } from '../auth/actor.ts';
import type { HandoverTravel } from '../impact/trip-recorder.ts';
import { StripeWebhookHandler } from './stripe-webhook.ts';
import type { TradeDto, TradeMessageDto, TradeRequestInput } from './trade.dto.ts';
import { TradeCommands } from './trade-commands.ts';
import { breakdownOf, type Role, type TradeServiceDeps } from './trade-context.ts';
import { TransitionEngine, type TransitionOptions, type TransitionParamsInput } from './trade-engine.ts';
import { TradeMessages } from './trade-messages.ts';
import { PaymentsRunner } from './trade-payments.ts';
import { TradeReadModel } from './trade-read-model.ts';
import { TradeTimers } from './trade-timers.ts';

export type { TradeServiceDeps };
export { breakdownOf };

/**
 * Trades: every state change goes through the domain's `applyTransition` on the trade row (locked,
 * or locked at the version the caller read), writes its effects, its `trade_event`, its
 * `trade.notify` job and its timers in one transaction; Stripe calls decided by a transition are
 * queued in `trade_payment_effect` in that same transaction and run after commit, each with an
 * idempotency key built from our ids, so a crash or a retry never pays twice
 * (docs/decisions/008-trades-payments-ledger.md). This class only wires the parts:
 * read model, commands, engine, payments runner, webhook, timers, messages.
 */
export class TradeService {
  private readonly read: TradeReadModel;
  private readonly engine: TransitionEngine;
  private readonly payments: PaymentsRunner;
  private readonly commands: TradeCommands;
  private readonly webhook: StripeWebhookHandler;
  private readonly timers: TradeTimers;
  private readonly messages: TradeMessages;

  constructor(private readonly deps: TradeServiceDeps) {
    this.read = new TradeReadModel(deps);
    this.engine = new TransitionEngine(deps);
    this.payments = new PaymentsRunner(deps);
    const run = (
      id: string,
      name: TransitionName,
      actor: TradeActor,
      params: TransitionParamsInput,
      now: Date,
      opts: TransitionOptions,
    ) => this.transition(id, name, actor, params, now, opts);
    this.commands = new TradeCommands(deps, this.read, this.payments, run);
    this.webhook = new StripeWebhookHandler(deps, this.engine, this.payments, (trade, result, now) =>
      this.afterCommit(trade, result, now),
    );
    this.timers = new TradeTimers(deps, run, () => this.payments.runPaymentEffects());
    this.messages = new TradeMessages(deps, this.read);
  }

  // ── Reading ──
  get(actor: Actor, id: string): Promise<TradeDto> {
    return this.read.get(actor, id);
  }
  /** DTOs of trades read elsewhere (the paged list), one query per related table. */
  toDtos(items: { trade: TradeRow; roles: Role[] }[]): Promise<TradeDto[]> {
    return this.read.toDtos(items);
  }
  /** For tests and the operator: the trade's history. */
  history(id: string) {
    return tradeRepository.listEvents(this.deps.db, id);
  }

  // ── Commands ──
  request(
    actor: Actor,
    input: TradeRequestInput,
    within?: (trx: Transaction<Database>, tradeId: string) => Promise<void>,
  ): Promise<TradeDto> {
    return this.commands.request(actor, input, within);
  }
  /** Several requests in one transaction, with `within` (a basket) in it: all or none. */
  requestMany(
    actor: Actor,
    inputs: readonly TradeRequestInput[],
    within: (trx: Transaction<Database>, trades: readonly TradeRow[]) => Promise<void>,
  ): Promise<TradeDto[]> {
    return this.commands.requestMany(actor, inputs, within);
  }
  accept(actor: Actor, id: string): Promise<TradeDto> {
    return this.commands.accept(actor, id);
  }
  decline(actor: Actor, id: string): Promise<TradeDto> {
    return this.commands.decline(actor, id);
  }
  cancel(actor: Actor, id: string): Promise<TradeDto> {
    return this.commands.cancel(actor, id);
  }
  proposePickup(actor: Actor, id: string, slot: { start: Date; end: Date }): Promise<TradeDto> {
    return this.commands.proposePickup(actor, id, slot);
  }
  agreePickup(actor: Actor, id: string): Promise<TradeDto> {
    return this.commands.agreePickup(actor, id);
  }
  handOver(
    actor: Actor,
    id: string,
    measuredKg: number | string,
    vehicleKey?: string | null,
    travel?: HandoverTravel | null,
  ): Promise<TradeDto> {
    return this.commands.handOver(actor, id, measuredKg, vehicleKey, travel);
  }
  confirmReceipt(actor: Actor, id: string, receivedKg?: number | string | null): Promise<TradeDto> {
    return this.commands.confirmReceipt(actor, id, receivedKg);
  }
  openDispute(actor: Actor, id: string, reason: string): Promise<TradeDto> {
    return this.commands.openDispute(actor, id, reason);
  }
  resolveDispute(actor: Actor, id: string, resolution: DisputeResolution): Promise<TradeDto> {
    return this.commands.resolveDispute(actor, id, resolution);
  }

  // ── Payments ──
  /** For a trade awaiting payment, the buyer's Stripe Checkout URL (created once, idempotently). */
  async checkoutUrl(actor: Actor, id: string): Promise<{ url: string; expiresAt: string }> {
    const { trade, roles } = await this.read.loadForActor(actor, id);
    if (!roles.includes('buyer')) throw new DomainError('FORBIDDEN', 'trade.notBuyer');
    if (trade.state !== 'payment_pending') {
      throw new DomainError('CONFLICT', 'trade.notAwaitingPayment', { state: trade.state });
    }
    const { url } = await this.payments.ensureCheckoutSession(trade);
    return { url, expiresAt: this.payments.checkoutExpiry(trade).toISOString() };
  }
  handleStripeWebhook(rawBody: string | Buffer, signature: string | undefined, endpoint?: WebhookEndpoint) {
    return this.webhook.handle(rawBody, signature, endpoint);
  }
  runPaymentEffects(tradeId?: string): Promise<{ done: number; failed: number }> {
    return this.payments.runPaymentEffects(tradeId);
  }

  // ── Timers and messages ──
  runDueTimers(now?: Date, onlyTradeId?: string): Promise<{ applied: number }> {
    return this.timers.runDueTimers(now, onlyTradeId);
  }
  listMessages(actor: Actor, id: string): Promise<TradeMessageDto[]> {
    return this.messages.listMessages(actor, id);
  }
  sendMessage(actor: Actor, id: string, body: string): Promise<TradeMessageDto> {
    return this.messages.sendMessage(actor, id, body);
  }

  /** One transition committed, then what follows it; returns the trade as it now stands. */
  private async transition(
    id: string,
    name: TransitionName,
    actor: TradeActor,
    params: TransitionParamsInput,
    now: Date,
    opts: TransitionOptions,
  ): Promise<TradeRow> {
    const { row, result } = await this.engine.transition(id, name, actor, params, now, opts);
    return this.afterCommit(row, result, now);
  }

  /**
   * After a commit: the Checkout session a paid acceptance needs, the queued Stripe calls of the
   * trade, and its timers already due (a completion delay of 0). The trade is read again only
   * when one of them changed it.
   */
  private async afterCommit(trade: TradeRow, result: TransitionResult | null, now: Date): Promise<TradeRow> {
    let latest = trade;
    if (result?.effects.some((e) => e.type === 'create_checkout_session')) {
      try {
        latest = (await this.payments.ensureCheckoutSession(trade)).trade;
      } catch (e) {
        // The trade stays payment_pending; `checkoutUrl` creates the session on the buyer's next visit.
        if (!isPaymentGatewayError(e)) throw e;
      }
    }
    let changed = (await this.payments.runPaymentEffects(trade.id)).done > 0;
    if (result?.timers.some((t) => t.at.getTime() <= now.getTime())) {
      changed = (await this.timers.runDueTimers(now, trade.id)).applied > 0 || changed;
    }
    if (!changed) return latest;
    return (await tradeRepository.findTrade(this.deps.db, trade.id)) ?? latest;
  }
}
