import {
  type Database,
  type DatabaseHandle,
  ledgerRepository,
  lotRepository,
  membershipRepository,
  paymentAccountRepository,
  siteRepository,
  type TradeMessageRow,
  type TradePatch,
  type TradePaymentEffectRow,
  type TradeRow,
  type Transaction,
  tradeRepository,
  userRepository,
} from '@retaille/db';
import {
  type ApplyTransitionOptions,
  applyTransition,
  assertChargeable,
  availableQuantity,
  availableTransitions,
  type DisputeResolution,
  DomainError,
  EMBEDDED_FACTOR_SET,
  findTransportFactor,
  gramsToKg,
  type JournalEntry,
  type LotStatus,
  type MaterialHolder,
  materialHandoverEntry,
  measuredKgToGrams,
  money,
  type PriceBreakdown,
  parseDecimal,
  paymentCapturedEntry,
  priceTrade,
  quantityHold,
  refundEntry,
  repriceForMeasuredWeight,
  settlementEntry,
  splitAfterRefund,
  statusAfterQuantityChange,
  type TradeActor,
  type TradeEffect,
  type TradeParty,
  type TradeState,
  type TradeTimings,
  type TransitionName,
  type TransitionResult,
  transferToSellerEntry,
} from '@retaille/domain';
import {
  isPaymentGatewayError,
  isWebhookSignatureError,
  type PaymentEvent,
  type PaymentGateway,
  type WebhookEndpoint,
} from '@retaille/payments';
import type { Actor } from '../auth/actor.ts';
import { isAdmin, requireUser } from '../auth/policy.ts';
import { checkHandoverTravel, type HandoverTravel, recordHandoverTravel } from '../impact/trip-recorder.ts';
import { assertPricedLotRequestable } from './seller-readiness.ts';
import type { TradeDto, TradeMessageDto, TradeRequestInput } from './trade.dto.ts';

type Trx = Transaction<Database>;
type Role = Exclude<TradeActor, 'system'>;

const MESSAGE_MAX_LENGTH = 2000;
/** A buyer's scale may differ a little from the seller's; beyond this, the buyer disputes. */
const RECEIPT_TOLERANCE = 0.02;
/** Stripe calls that failed definitively are retried with a new attempt number this many times. */
const MAX_EFFECT_ATTEMPTS = 5;
const CHECKOUT_MAX_MS = 24 * 3_600_000 - 5 * 60_000;

const toMilli = (q: string | number): number => Math.round(Number(q) * 1000);
const fromMilli = (m: number): string => (m / 1000).toFixed(3);
const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

function conflict(key: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('CONFLICT', key, details);
}
function fieldError(path: string, key: string, params?: Record<string, string | number>): DomainError {
  return new DomainError('VALIDATION', key, { fields: [{ path, key, ...(params ? { params } : {}) }] });
}

/** The price breakdown the trade was created with, recomputed from its stored inputs. */
export function breakdownOf(trade: TradeRow): PriceBreakdown {
  return priceTrade({
    unitPriceCents: trade.unit_price_cents,
    quantity: trade.quantity,
    platformFeeBps: trade.platform_fee_bps,
    sellerVatRateBps: trade.vat_rate_bps,
  });
}

interface EffectContext {
  patch: TradePatch;
  now: Date;
  /** For `mark_paid`: what the provider confirmed. */
  payment?: { paymentIntentId: string; amountCents: number };
  /** What a settling transition retains, set by the refund effects before the ledger and transfer ones. */
  split?: { platformFeeCents: number; sellerPayoutCents: number };
  actorUserId: string | null;
  resolution?: DisputeResolution;
}

export interface TradeServiceDeps {
  db: DatabaseHandle['db'];
  gateway: PaymentGateway;
  timings: Required<TradeTimings>;
  platformFeeBps: number;
  publicUrl: string;
  now: () => Date;
  /** Writes the impact record of a completing trade, inside the completing transaction. */
  recordImpact?: (trx: Trx, trade: TradeRow, completedAt: Date) => Promise<unknown>;
}

/**
 * Trades: every state change goes through the domain's `applyTransition` on a locked trade row,
 * writes its `trade_event` and replaces its timers in one transaction; Stripe calls decided by a
 * transition are queued in `trade_payment_effect` in that same transaction and run after commit,
 * each with an idempotency key built from our ids, so a crash or a retry never pays twice.
 */
export class TradeService {
  constructor(private readonly deps: TradeServiceDeps) {}

  // ── Reading ──────────────────────────────────────────────────────────────────────────────

  private async rolesOf(actor: Actor, trade: TradeRow): Promise<Role[]> {
    const roles: Role[] = [];
    if (actor.kind === 'user') {
      if (trade.buyer_user_id === actor.userId) roles.push('buyer');
      if (await membershipRepository.findRole(this.deps.db, trade.seller_site_id, actor.userId)) {
        roles.push('seller');
      }
    }
    if (isAdmin(actor)) roles.push('operator');
    return roles;
  }

  private async loadForActor(actor: Actor, id: string): Promise<{ trade: TradeRow; roles: Role[] }> {
    requireUser(actor);
    const trade = await tradeRepository.findTrade(this.deps.db, id);
    if (!trade) throw new DomainError('NOT_FOUND', 'trade.notFound');
    const roles = await this.rolesOf(actor, trade);
    if (roles.length === 0) throw new DomainError('FORBIDDEN', 'trade.notParty');
    return { trade, roles };
  }

  private async toDto(trade: TradeRow, roles: Role[]): Promise<TradeDto> {
    const [dto] = await this.toDtos([{ trade, roles }]);
    return dto!;
  }

  /** DTOs for several trades with one query per related table, not per trade (also used by the paged list). */
  async toDtos(items: { trade: TradeRow; roles: Role[] }[]): Promise<TradeDto[]> {
    const db = this.deps.db;
    const trades = items.map((i) => i.trade);
    const [lots, sites, names, timers] = await Promise.all([
      lotRepository.findLotsByIds(
        db,
        trades.map((t) => t.lot_id),
      ),
      siteRepository.findSitesByIds(
        db,
        trades.map((t) => t.seller_site_id),
      ),
      userRepository.findUserNames(
        db,
        trades.map((t) => t.buyer_user_id),
      ),
      tradeRepository.listTimersOfTrades(
        db,
        trades.map((t) => t.id),
      ),
    ]);
    const lotById = new Map(lots.map((l) => [l.id, l]));
    const siteById = new Map(sites.map((x) => [x.id, x]));
    return items.map(({ trade, roles }) =>
      this.dtoOf(trade, roles, {
        lot: lotById.get(trade.lot_id),
        site: siteById.get(trade.seller_site_id),
        buyerName: names.get(trade.buyer_user_id),
        next: timers.find((x) => x.trade_id === trade.id),
      }),
    );
  }

  private dtoOf(
    trade: TradeRow,
    roles: Role[],
    related: {
      lot: { title: string } | undefined;
      site: { name: string } | undefined;
      buyerName: string | undefined;
      next: { transition: string; due_at: Date } | undefined;
    },
  ): TradeDto {
    const { lot, site, next } = related;
    const role = roles[0] ?? 'operator';
    const proposer = (trade.pickup_proposed_by as TradeParty | null) ?? null;
    const state = trade.state as TradeState;
    const available = new Set<TransitionName>();
    for (const r of roles) {
      for (const name of availableTransitions(state, r, trade.is_paid, proposer)) available.add(name);
    }
    const b = breakdownOf(trade);
    return {
      id: trade.id,
      state,
      isPaid: trade.is_paid,
      role,
      availableTransitions: [...available],
      lot: { id: trade.lot_id, title: lot?.title ?? '', unit: trade.unit },
      sellerSite: { id: trade.seller_site_id, name: site?.name ?? '' },
      buyer: {
        userId: trade.buyer_user_id,
        name: related.buyerName ?? '',
        siteId: trade.buyer_site_id,
      },
      quantity: b.quantity,
      unit: trade.unit,
      price: {
        unitPriceCents: trade.unit_price_cents,
        quantity: b.quantity,
        subtotalCents: trade.subtotal_cents,
        vatRateBps: trade.vat_rate_bps,
        vatCents: trade.vat_cents,
        totalCents: trade.total_cents,
        platformFeeBps: trade.platform_fee_bps,
        platformFeeCents: trade.platform_fee_cents,
        sellerPayoutCents: trade.seller_payout_cents,
        isFree: !trade.is_paid,
      },
      final:
        trade.final_total_cents === null
          ? null
          : {
              totalCents: trade.final_total_cents,
              platformFeeCents: trade.final_platform_fee_cents ?? 0,
              sellerPayoutCents: trade.final_seller_payout_cents ?? 0,
            },
      paidCents: trade.paid_cents,
      refundedCents: trade.refunded_cents,
      pickup:
        trade.pickup_start && trade.pickup_end
          ? {
              start: iso(trade.pickup_start)!,
              end: iso(trade.pickup_end)!,
              proposedBy: proposer,
              agreed: trade.pickup_agreed_at !== null,
            }
          : null,
      handoverKg: trade.handover_grams === null ? null : gramsToKg(trade.handover_grams),
      receiptKg: trade.receipt_grams === null ? null : gramsToKg(trade.receipt_grams),
      dispute:
        trade.dispute_reason && trade.dispute_opened_at
          ? {
              reason: trade.dispute_reason,
              openedAt: iso(trade.dispute_opened_at)!,
              resolution: trade.dispute_resolution,
              refundCents: trade.dispute_refund_cents,
            }
          : null,
      nextDeadline: next ? { transition: next.transition, at: iso(next.due_at)! } : null,
      stateEnteredAt: iso(trade.state_entered_at)!,
      createdAt: iso(trade.created_at)!,
      updatedAt: iso(trade.updated_at)!,
    };
  }

  async get(actor: Actor, id: string): Promise<TradeDto> {
    const { trade, roles } = await this.loadForActor(actor, id);
    return this.toDto(trade, roles);
  }

  /** Trades where the caller is the buyer or a member of the seller site. */
  async listMine(actor: Actor): Promise<TradeDto[]> {
    const user = requireUser(actor);
    const sites = await membershipRepository.listSitesOfUser(this.deps.db, user.userId);
    const siteIds = sites.map((s) => s.siteId);
    const rows = await tradeRepository.listTradesOfUser(this.deps.db, user.userId, siteIds);
    return this.toDtos(
      rows.map((t) => {
        const roles: Role[] = [];
        if (t.buyer_user_id === user.userId) roles.push('buyer');
        if (siteIds.includes(t.seller_site_id)) roles.push('seller');
        return { trade: t, roles };
      }),
    );
  }

  // ── Requesting ───────────────────────────────────────────────────────────────────────────

  async request(actor: Actor, input: TradeRequestInput): Promise<TradeDto> {
    const user = requireUser(actor);
    const db = this.deps.db;
    const now = this.deps.now();
    const lot = await lotRepository.findLot(db, input.lotId);
    if (!lot) throw new DomainError('NOT_FOUND', 'lot.notFound');
    if (lot.status !== 'published' && lot.status !== 'reserved') throw conflict('trade.lotNotAvailable');
    if (await membershipRepository.findRole(db, lot.site_id, user.userId)) {
      throw new DomainError('FORBIDDEN', 'trade.ownLot');
    }
    const buyerSiteId = input.buyerSiteId ?? null;
    if (buyerSiteId !== null && !(await membershipRepository.findRole(db, buyerSiteId, user.userId))) {
      throw fieldError('buyerSiteId', 'trade.notBuyerSiteMember');
    }
    const q = parseDecimal(input.quantity, 'quantity');
    if (q.scale > 3 || q.units <= 0n) throw fieldError('quantity', 'trade.quantityInvalid');
    const quantity = fromMilli(toMilli(String(input.quantity)));
    const available = availableQuantity({
      quantity: Number(lot.quantity),
      reserved: Number(lot.quantity_reserved),
      sold: Number(lot.quantity_sold),
    });
    if (toMilli(quantity) > toMilli(available)) {
      throw fieldError('quantity', 'trade.quantityExceedsAvailable', { available, unit: lot.unit });
    }
    const message = input.message?.trim() ?? '';
    if (message.length > MESSAGE_MAX_LENGTH) {
      throw fieldError('message', 'field.tooLong', { max: MESSAGE_MAX_LENGTH });
    }
    const site = await siteRepository.findSiteById(db, lot.site_id);
    if (!site) throw new DomainError('NOT_FOUND', 'site.notFound');
    await assertPricedLotRequestable(db, this.deps.gateway, lot, now);
    const price = priceTrade({
      unitPriceCents: lot.price_cents ?? 0,
      quantity,
      platformFeeBps: this.deps.platformFeeBps,
      sellerVatRateBps: site.vat_rate_bps,
    });
    assertChargeable(price);
    const isPaid = !price.isFree;
    const result = applyTransition({ state: 'initial', isPaid }, 'request', 'buyer', now, this.options({}));
    const trade = await db.transaction().execute(async (trx) => {
      const trade = await tradeRepository.insertTrade(trx, {
        lot_id: lot.id,
        seller_site_id: lot.site_id,
        buyer_user_id: user.userId,
        buyer_site_id: buyerSiteId,
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
        is_paid: isPaid,
        state: result.state,
        state_entered_at: now,
        created_at: now,
        updated_at: now,
      });
      await tradeRepository.insertEvent(trx, {
        trade_id: trade.id,
        transition: 'request',
        from_state: 'initial',
        to_state: result.state,
        actor_role: 'buyer',
        actor_user_id: user.userId,
        params: JSON.stringify({ quantity }),
        created_at: now,
      });
      await tradeRepository.replaceTimers(
        trx,
        trade.id,
        result.timers.map((t) => ({ transition: t.name, dueAt: t.at })),
      );
      if (message !== '') {
        await tradeRepository.insertMessage(trx, {
          trade_id: trade.id,
          author_user_id: user.userId,
          author_role: 'buyer',
          body: message,
          created_at: now,
        });
      }
      return trade;
    });
    return this.toDto(trade, ['buyer']);
  }

  // ── Transitions by the parties and the operator ──────────────────────────────────────────

  async accept(actor: Actor, id: string): Promise<TradeDto> {
    const { trade } = await this.loadForActor(actor, id);
    if (trade.is_paid && trade.state === 'requested') await this.assertSellerCanBePaid(trade.seller_site_id);
    return this.act(actor, id, 'accept', {});
  }

  async decline(actor: Actor, id: string): Promise<TradeDto> {
    return this.act(actor, id, 'decline', {});
  }

  /** A buyer withdraws a request; after acceptance, either party (or the operator) cancels. */
  async cancel(actor: Actor, id: string): Promise<TradeDto> {
    const { trade, roles } = await this.loadForActor(actor, id);
    const name: TransitionName =
      trade.state === 'requested' && roles.includes('buyer') ? 'withdraw_request' : 'cancel';
    return this.act(actor, id, name, {});
  }

  async proposePickup(actor: Actor, id: string, slot: { start: Date; end: Date }): Promise<TradeDto> {
    return this.act(actor, id, 'propose_pickup', { slot });
  }

  async agreePickup(actor: Actor, id: string): Promise<TradeDto> {
    return this.act(actor, id, 'agree_pickup', {});
  }

  /**
   * The seller hands over with the weight measured at pickup, and optionally the vehicle used and
   * how the lot travelled (a trip, docs/impact-method.md §4; an impossible trip is refused before
   * the transition).
   */
  async handOver(
    actor: Actor,
    id: string,
    measuredKg: number | string,
    vehicleKey?: string | null,
    travel?: HandoverTravel | null,
  ): Promise<TradeDto> {
    if (vehicleKey && !findTransportFactor(EMBEDDED_FACTOR_SET, vehicleKey)) {
      throw new DomainError('VALIDATION', 'validation.failed', {
        fields: [{ path: 'vehicleKey', key: 'trade.vehicleUnknown' }],
      });
    }
    if (travel) {
      const { trade } = await this.loadForActor(actor, id);
      const massKg = measuredKgToGrams(measuredKg, 'measuredKg') / 1000;
      const userId = requireUser(actor).userId;
      await checkHandoverTravel(this.deps.db, { trade, massKg, travel, userId, now: this.deps.now() });
    }
    const dto = await this.act(actor, id, 'hand_over', { measuredKg });
    if (!vehicleKey && !travel) return dto;
    await this.deps.db.transaction().execute(async (trx) => {
      const trade = await tradeRepository.lockTrade(trx, id);
      if (vehicleKey)
        await tradeRepository.updateTrade(trx, id, { vehicle_key: vehicleKey }, this.deps.now());
      if (travel && trade) {
        const massKg = (trade.handover_grams ?? 0) / 1000;
        const userId = requireUser(actor).userId;
        await recordHandoverTravel(trx, { trade, massKg, travel, userId, now: this.deps.now() });
      }
    });
    return this.get(actor, id);
  }

  /** The buyer confirms; a weight read on the buyer's own scale is kept if it agrees with the seller's. */
  async confirmReceipt(actor: Actor, id: string, receivedKg?: number | string | null): Promise<TradeDto> {
    let receiptGrams: number | null = null;
    if (receivedKg !== undefined && receivedKg !== null) {
      receiptGrams = measuredKgToGrams(receivedKg, 'receivedKg');
      const { trade } = await this.loadForActor(actor, id);
      const handover = trade.handover_grams ?? 0;
      if (handover > 0 && Math.abs(receiptGrams - handover) > handover * RECEIPT_TOLERANCE) {
        throw fieldError('receivedKg', 'trade.receiptWeightDiffers', { handoverKg: gramsToKg(handover) });
      }
    }
    return this.act(actor, id, 'confirm_receipt', {}, { receiptGrams });
  }

  async openDispute(actor: Actor, id: string, reason: string): Promise<TradeDto> {
    return this.act(actor, id, 'open_dispute', { reason });
  }

  async resolveDispute(actor: Actor, id: string, resolution: DisputeResolution): Promise<TradeDto> {
    return this.act(actor, id, 'resolve_dispute', { resolution });
  }

  private options(params: unknown): ApplyTransitionOptions<TransitionName> {
    return { timings: this.deps.timings, params } as ApplyTransitionOptions<TransitionName>;
  }

  private async act(
    actor: Actor,
    id: string,
    name: TransitionName,
    params: Record<string, unknown>,
    extra: { receiptGrams?: number | null } = {},
  ): Promise<TradeDto> {
    const user = requireUser(actor);
    const { trade, roles } = await this.loadForActor(actor, id);
    const role = this.pickRole(trade, roles, name);
    const now = this.deps.now();
    const updated = await this.transition(id, name, role, params, now, {
      actorUserId: user.userId,
      ...extra,
    });
    return this.toDto(updated, roles);
  }

  /** The caller's side for this transition: the first that the table allows, else the first (for the error). */
  private pickRole(trade: TradeRow, roles: Role[], name: TransitionName): Role {
    const proposer = (trade.pickup_proposed_by as TradeParty | null) ?? null;
    const fits = roles.find((r) =>
      availableTransitions(trade.state as TradeState, r, trade.is_paid, proposer).includes(name),
    );
    return fits ?? roles[0]!;
  }

  /** One transition in its own transaction, then its Stripe calls and any timer already due. */
  private async transition(
    id: string,
    name: TransitionName,
    actor: TradeActor,
    params: Record<string, unknown>,
    now: Date,
    extra: { actorUserId: string | null; receiptGrams?: number | null; timed?: boolean },
  ): Promise<TradeRow> {
    const { row, result } = await this.deps.db.transaction().execute(async (trx) => {
      const trade = await tradeRepository.lockTrade(trx, id);
      if (!trade) throw new DomainError('NOT_FOUND', 'trade.notFound');
      return this.applyLocked(trx, trade, name, actor, params, now, {
        actorUserId: extra.actorUserId,
        timed: extra.timed ?? false,
        extraPatch: extra.receiptGrams ? { receipt_grams: extra.receiptGrams } : {},
      });
    });
    await this.afterCommit(row, result, now);
    return (await tradeRepository.findTrade(this.deps.db, id)) ?? row;
  }

  private async afterCommit(trade: TradeRow, result: TransitionResult | null, now: Date): Promise<void> {
    if (result?.effects.some((e) => e.type === 'create_checkout_session')) {
      try {
        await this.ensureCheckoutSession(trade);
      } catch (e) {
        // The trade stays payment_pending; `checkoutUrl` creates the session on the buyer's next visit.
        if (!isPaymentGatewayError(e)) throw e;
      }
    }
    await this.runPaymentEffects(trade.id);
    if (result?.timers.some((t) => t.at.getTime() <= now.getTime())) {
      await this.runDueTimers(now, trade.id);
    }
  }

  /**
   * Applies a transition to a trade locked by the caller: the pure table decides, then the
   * database effects, the new state, the history row and the timers are written here.
   */
  private async applyLocked(
    trx: Trx,
    trade: TradeRow,
    name: TransitionName,
    actor: TradeActor,
    params: Record<string, unknown>,
    now: Date,
    opts: {
      actorUserId: string | null;
      timed: boolean;
      payment?: { paymentIntentId: string; amountCents: number };
      extraPatch?: TradePatch;
    },
  ): Promise<{ row: TradeRow; result: TransitionResult }> {
    const result = applyTransition(
      {
        state: trade.state as TradeState,
        isPaid: trade.is_paid,
        pickupProposedBy: (trade.pickup_proposed_by as TradeParty | null) ?? null,
        ...(opts.timed ? { stateEnteredAt: new Date(trade.state_entered_at) } : {}),
      },
      name,
      actor,
      now,
      this.options(params),
    );
    const ctx: EffectContext = {
      patch: { state: result.state, state_entered_at: now, ...opts.extraPatch },
      now,
      actorUserId: opts.actorUserId,
      ...(opts.payment ? { payment: opts.payment } : {}),
      ...(name === 'resolve_dispute' ? { resolution: params.resolution as DisputeResolution } : {}),
    };
    for (const effect of result.effects) await this.applyEffect(trx, trade, effect, ctx);
    if (quantityHold(result.from) === 'reserved' && quantityHold(result.state) === 'consumed') {
      await this.moveQuantity(trx, trade, 'consume');
    }
    if (name === 'confirm_receipt' || name === 'auto_confirm_receipt') ctx.patch.received_at = now;
    if (name === 'resolve_dispute' || name === 'auto_resolve_dispute') {
      ctx.patch.dispute_resolution = ctx.resolution?.kind ?? 'release';
      ctx.patch.resolved_by = opts.actorUserId;
    }
    const row = await tradeRepository.updateTrade(trx, trade.id, ctx.patch, now);
    await tradeRepository.insertEvent(trx, {
      trade_id: trade.id,
      transition: name,
      from_state: result.from,
      to_state: result.state,
      actor_role: actor,
      actor_user_id: opts.actorUserId,
      params: JSON.stringify(eventParams(result.effects, params)),
      created_at: now,
    });
    await tradeRepository.replaceTimers(
      trx,
      trade.id,
      result.timers.map((t) => ({ transition: t.name, dueAt: t.at })),
    );
    return { row, result };
  }

  private async applyEffect(
    trx: Trx,
    trade: TradeRow,
    effect: TradeEffect,
    ctx: EffectContext,
  ): Promise<void> {
    const { patch, now } = ctx;
    switch (effect.type) {
      case 'reserve_quantity':
        return this.moveQuantity(trx, trade, 'reserve');
      case 'release_quantity':
        return this.moveQuantity(trx, trade, 'release');
      case 'create_checkout_session':
        // Made after commit (a network call must not hold the row locks).
        return;
      case 'expire_checkout_session':
        await tradeRepository.insertPaymentEffect(
          trx,
          { tradeId: trade.id, kind: 'expire_checkout', amountCents: 0 },
          now,
        );
        return;
      case 'ledger_payment_captured': {
        const payment = ctx.payment;
        if (!payment) throw new Error('mark_paid without a payment');
        patch.payment_intent_id = payment.paymentIntentId;
        patch.paid_cents = trade.paid_cents + payment.amountCents;
        await this.post(trx, paymentCapturedEntry(trade.id, money(payment.amountCents)), now);
        return;
      }
      case 'record_pickup_proposal':
        patch.pickup_start = effect.slot.start;
        patch.pickup_end = effect.slot.end;
        patch.pickup_proposed_by = effect.proposedBy;
        patch.pickup_agreed_at = null;
        return;
      case 'confirm_pickup_slot':
        patch.pickup_agreed_at = now;
        return;
      case 'record_handover_weight':
        patch.handover_grams = effect.grams;
        patch.handed_over_at = now;
        return;
      case 'ledger_material_handover': {
        const to: MaterialHolder = trade.buyer_site_id
          ? { siteId: trade.buyer_site_id }
          : { personId: trade.buyer_user_id };
        await this.post(
          trx,
          materialHandoverEntry(trade.id, {
            from: { siteId: trade.seller_site_id },
            to,
            grams: effect.grams,
          }),
          now,
        );
        return;
      }
      case 'record_dispute':
        patch.dispute_reason = effect.reason;
        patch.dispute_opened_at = now;
        return;
      case 'refund_payment': {
        const decided = await tradeRepository.sumRefundsDecided(trx, trade.id);
        const refundable = trade.paid_cents - decided;
        patch.final_total_cents = 0;
        patch.final_platform_fee_cents = 0;
        patch.final_seller_payout_cents = 0;
        const reason = ctx.resolution ? 'dispute' : 'cancellation';
        if (refundable > 0) await this.queueRefund(trx, trade, refundable, reason, now);
        return;
      }
      case 'refund_weight_difference': {
        const original = breakdownOf(trade);
        let final = original;
        if (trade.unit === 'kg' && trade.handover_grams !== null) {
          const repricing = repriceForMeasuredWeight(original, gramsToKg(trade.handover_grams));
          final = repricing.final;
          if (repricing.refund.cents > 0) {
            await this.queueRefund(trx, trade, repricing.refund.cents, 'weight_difference', now);
          }
        }
        patch.final_total_cents = final.total.cents;
        patch.final_platform_fee_cents = final.platformFee.cents;
        patch.final_seller_payout_cents = final.sellerPayout.cents;
        ctx.split = {
          platformFeeCents: final.platformFee.cents,
          sellerPayoutCents: final.sellerPayout.cents,
        };
        return;
      }
      case 'refund_partial': {
        const decided = await tradeRepository.sumRefundsDecided(trx, trade.id);
        const paid = { ...breakdownOf(trade), total: money(trade.paid_cents) };
        // Throws VALIDATION trade.refundExceedsPaid before anything is written.
        const split = splitAfterRefund(paid, money(effect.refundCents), money(decided));
        await this.queueRefund(trx, trade, effect.refundCents, 'dispute', now);
        patch.dispute_refund_cents = effect.refundCents;
        patch.final_total_cents = split.retained.cents;
        patch.final_platform_fee_cents = split.platformFee.cents;
        patch.final_seller_payout_cents = split.sellerPayout.cents;
        ctx.split = {
          platformFeeCents: split.platformFee.cents,
          sellerPayoutCents: split.sellerPayout.cents,
        };
        return;
      }
      case 'ledger_settlement': {
        const split = ctx.split;
        if (!split || split.platformFeeCents + split.sellerPayoutCents === 0) return;
        await this.post(
          trx,
          settlementEntry(trade.id, {
            platformFee: money(split.platformFeeCents),
            sellerPayout: money(split.sellerPayoutCents),
          }),
          now,
        );
        return;
      }
      case 'transfer_to_seller': {
        const payout = ctx.split?.sellerPayoutCents ?? 0;
        if (payout > 0) {
          await tradeRepository.insertPaymentEffect(
            trx,
            { tradeId: trade.id, kind: 'transfer', amountCents: payout },
            now,
          );
        }
        return;
      }
      case 'record_impact':
        // Same transaction as the completion; the recorder is idempotent (one record per trade).
        await this.deps.recordImpact?.(trx, { ...trade, ...(patch as Partial<TradeRow>) }, now);
        return;
      default: {
        const unknown: never = effect;
        throw new Error(`Unhandled effect ${String((unknown as { type: string }).type)}`);
      }
    }
  }

  private async queueRefund(
    trx: Trx,
    trade: TradeRow,
    amountCents: number,
    reason: 'cancellation' | 'weight_difference' | 'dispute' | 'duplicate',
    now: Date,
    paymentIntentId: string | null = trade.payment_intent_id,
  ): Promise<void> {
    await tradeRepository.insertPaymentEffect(
      trx,
      { tradeId: trade.id, kind: 'refund', amountCents, reason, paymentIntentId },
      now,
    );
  }

  private async post(trx: Trx, entry: JournalEntry, now: Date): Promise<void> {
    await ledgerRepository.appendEntry(
      trx,
      { key: entry.key, tradeId: entry.tradeId, event: entry.event, postings: entry.postings },
      now,
    );
  }

  /** Changes the lot's reserved/sold quantities under its row lock; never oversells. */
  private async moveQuantity(
    trx: Trx,
    trade: TradeRow,
    move: 'reserve' | 'release' | 'consume',
  ): Promise<void> {
    const lot = await lotRepository.lockLot(trx, trade.lot_id);
    if (!lot) throw new DomainError('NOT_FOUND', 'lot.notFound');
    const q = toMilli(trade.quantity);
    let reserved = toMilli(lot.quantity_reserved);
    let sold = toMilli(lot.quantity_sold);
    const total = toMilli(lot.quantity);
    switch (move) {
      case 'reserve':
        if (lot.status !== 'published' && lot.status !== 'reserved') throw conflict('trade.lotNotAvailable');
        if (reserved + sold + q > total) {
          throw conflict('trade.quantityUnavailable', { available: fromMilli(total - reserved - sold) });
        }
        reserved += q;
        break;
      case 'release':
        reserved = Math.max(0, reserved - q);
        break;
      case 'consume':
        reserved = Math.max(0, reserved - q);
        sold += q;
        break;
      default: {
        const unknown: never = move;
        throw new Error(`Unknown move ${String(unknown)}`);
      }
    }
    const status = statusAfterQuantityChange(lot.status as LotStatus, {
      quantity: total / 1000,
      reserved: reserved / 1000,
      sold: sold / 1000,
    });
    await lotRepository.updateLot(trx, lot.id, {
      quantity_reserved: fromMilli(reserved),
      quantity_sold: fromMilli(sold),
      status,
    });
  }

  // ── Payment ──────────────────────────────────────────────────────────────────────────────

  private async assertSellerCanBePaid(siteId: string): Promise<void> {
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

  /** For a trade awaiting payment, the buyer's Stripe Checkout URL (created once, idempotently). */
  async checkoutUrl(actor: Actor, id: string): Promise<{ url: string; expiresAt: string }> {
    const { trade, roles } = await this.loadForActor(actor, id);
    if (!roles.includes('buyer')) throw new DomainError('FORBIDDEN', 'trade.notBuyer');
    if (trade.state !== 'payment_pending') throw conflict('trade.notAwaitingPayment', { state: trade.state });
    const url = await this.ensureCheckoutSession(trade);
    return { url, expiresAt: this.checkoutExpiry(trade).toISOString() };
  }

  /** Stable across retries (same idempotency key, same parameters): derived from when payment became due. */
  private checkoutExpiry(trade: TradeRow): Date {
    // The payment deadline; the gateway clamps it into Stripe's 30 min–24 h window counted from the
    // session's own creation (a late retry), so this floor only keeps the usual case unclamped.
    const ms = Math.min(Math.max(this.deps.timings.paymentExpiryMs, 35 * 60_000), CHECKOUT_MAX_MS);
    return new Date(new Date(trade.state_entered_at).getTime() + ms);
  }

  private async ensureCheckoutSession(trade: TradeRow): Promise<string> {
    if (trade.checkout_url) return trade.checkout_url;
    const lot = await lotRepository.findLot(this.deps.db, trade.lot_id);
    const base = `${this.deps.publicUrl}/echanges/${trade.id}`;
    const session = await this.deps.gateway.createCheckoutSession({
      tradeId: trade.id,
      amountCents: trade.total_cents,
      description: `${lot?.title ?? 'Lot'} — ${breakdownOf(trade).quantity} ${trade.unit}`.slice(0, 250),
      successUrl: `${base}?paiement=ok&session={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${base}?paiement=annule`,
      expiresAt: this.checkoutExpiry(trade),
    });
    await tradeRepository.setCheckoutSession(this.deps.db, trade.id, session);
    const stored = await tradeRepository.findTrade(this.deps.db, trade.id);
    return stored?.checkout_url ?? session.url;
  }

  /**
   * A Stripe webhook: verified on the raw body, then applied in one transaction that also
   * records the event id, so a redelivery changes nothing. Bad signature or stale timestamp →
   * VALIDATION `payments.webhookSignature`, a verified event of an unexpected shape →
   * `payments.webhookPayload` (the route answers 400 to both) and nothing is written.
   */
  async handleStripeWebhook(
    rawBody: string | Buffer,
    signature: string | undefined,
    endpoint: WebhookEndpoint = 'platform',
  ): Promise<{ outcome: 'processed' | 'duplicate' | 'ignored'; eventId: string }> {
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

    const applied = await this.deps.db.transaction().execute(async (trx) => {
      const fresh = await paymentAccountRepository.markEventProcessed(
        trx,
        { eventId: event.eventId, type: event.type, tradeId: known ? known.id : null },
        now,
      );
      if (!fresh) return { outcome: 'duplicate' as const, result: null, trade: null };
      if (event.kind === 'account_updated' && accountStatus) {
        await paymentAccountRepository.updateSellerAccountFlags(trx, event.accountId, accountStatus, now);
        return { outcome: 'processed' as const, result: null, trade: null };
      }
      if (!known) return { outcome: 'ignored' as const, result: null, trade: null };
      const trade = await tradeRepository.lockTrade(trx, known.id);
      if (!trade) return { outcome: 'ignored' as const, result: null, trade: null };
      switch (event.kind) {
        case 'checkout_completed': {
          if (event.paymentStatus !== 'paid') return { outcome: 'ignored' as const, result: null, trade };
          if (trade.payment_intent_id === event.paymentIntentId) {
            return { outcome: 'ignored' as const, result: null, trade };
          }
          const payment = { paymentIntentId: event.paymentIntentId, amountCents: event.amountCents };
          if (
            trade.state === 'payment_pending' &&
            trade.payment_intent_id === null &&
            event.amountCents === trade.total_cents
          ) {
            const { row, result } = await this.applyLocked(trx, trade, 'mark_paid', 'system', {}, now, {
              actorUserId: null,
              timed: false,
              payment,
            });
            return { outcome: 'processed' as const, result, trade: row };
          }
          // Paid after the trade was cancelled or expired, or paid a second time: record and refund it all.
          await this.recordLatePayment(trx, trade, payment, now);
          return { outcome: 'processed' as const, result: null, trade };
        }
        case 'checkout_expired': {
          if (trade.state !== 'payment_pending' || trade.checkout_session_id !== event.sessionId) {
            return { outcome: 'ignored' as const, result: null, trade };
          }
          const { row, result } = await this.applyLocked(trx, trade, 'expire_payment', 'system', {}, now, {
            actorUserId: null,
            timed: false,
          });
          return { outcome: 'processed' as const, result, trade: row };
        }
        case 'payment_refunded':
          // Our refunds are recorded when Stripe accepts them; the event only confirms (cumulative, any order).
          return { outcome: 'processed' as const, result: null, trade };
        case 'account_updated':
        case 'unknown':
          return { outcome: 'ignored' as const, result: null, trade };
        default: {
          const unknown: never = event;
          throw new Error(`Unhandled payment event ${String((unknown as PaymentEvent).kind)}`);
        }
      }
    });
    if (applied.trade) await this.afterCommit(applied.trade, applied.result, now);
    return { outcome: applied.outcome, eventId: event.eventId };
  }

  private async recordLatePayment(
    trx: Trx,
    trade: TradeRow,
    payment: { paymentIntentId: string; amountCents: number },
    now: Date,
  ): Promise<void> {
    const first = trade.payment_intent_id === null;
    const captured = paymentCapturedEntry(trade.id, money(payment.amountCents));
    await this.post(
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
    await this.queueRefund(
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
      if (effect.status === 'failed' && effect.attempt > MAX_EFFECT_ATTEMPTS) continue;
      try {
        await this.runPaymentEffect(effect);
        done++;
      } catch (e) {
        failed++;
        const definitive = isPaymentGatewayError(e) && !e.retryable && e.code !== 'destination_not_ready';
        await tradeRepository.updatePaymentEffect(
          this.deps.db,
          effect.id,
          {
            status: 'failed',
            last_error:
              e instanceof Error ? `${(e as { code?: string }).code ?? ''} ${e.message}`.trim() : String(e),
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
            await this.recordLatePayment(
              trx,
              locked,
              { paymentIntentId: outcome.paymentIntentId, amountCents: outcome.amountCents },
              this.deps.now(),
            );
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
          reason: (effect.reason ?? 'cancellation') as 'cancellation',
          refundSeq: effect.seq,
        });
        await this.finishEffect(effect, refundId, async (trx, locked) => {
          await tradeRepository.updateTrade(
            trx,
            locked.id,
            { refunded_cents: locked.refunded_cents + effect.amount_cents },
            this.deps.now(),
          );
          await this.post(trx, refundEntry(locked.id, refundId, money(effect.amount_cents)), this.deps.now());
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
          await tradeRepository.updateTrade(trx, locked.id, { transfer_id: transferId }, this.deps.now());
          await this.post(trx, transferToSellerEntry(locked.id, money(effect.amount_cents)), this.deps.now());
        });
        return;
      }
      default:
        throw new Error(`Unknown payment effect ${effect.kind}`);
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

  // ── Timers ───────────────────────────────────────────────────────────────────────────────

  /**
   * Applies every timed transition due at `now` (expiries, automatic receipt, completion,
   * dispute release), then retries queued Stripe calls. Safe to run from several processes:
   * each transition re-checks the locked trade's state and due time.
   */
  async runDueTimers(now: Date = this.deps.now(), onlyTradeId?: string): Promise<{ applied: number }> {
    let applied = 0;
    for (let round = 0; round < 10; round++) {
      const due = await tradeRepository.listDueTimers(this.deps.db, now, { tradeId: onlyTradeId });
      if (due.length === 0) break;
      let progressed = false;
      for (const timer of due) {
        try {
          await this.transition(timer.trade_id, timer.transition as TransitionName, 'system', {}, now, {
            actorUserId: null,
            timed: true,
          });
          applied++;
          progressed = true;
        } catch (e) {
          if (!(e instanceof DomainError) || e.code === 'VALIDATION') throw e;
          if (e.key !== 'trade.timerNotDue') {
            await tradeRepository.deleteTimer(this.deps.db, timer.trade_id, timer.transition);
            progressed = true;
          }
        }
      }
      if (!progressed) break;
    }
    if (onlyTradeId === undefined) await this.runPaymentEffects();
    return { applied };
  }

  // ── Messages ─────────────────────────────────────────────────────────────────────────────

  async listMessages(actor: Actor, id: string): Promise<TradeMessageDto[]> {
    const user = requireUser(actor);
    await this.loadForActor(actor, id);
    const rows = await tradeRepository.listMessages(this.deps.db, id);
    return Promise.all(rows.map((m) => this.messageDto(m, user.userId)));
  }

  async sendMessage(actor: Actor, id: string, body: string): Promise<TradeMessageDto> {
    const user = requireUser(actor);
    const { roles } = await this.loadForActor(actor, id);
    const text = body.trim();
    if (text === '') throw fieldError('body', 'field.required');
    if (text.length > MESSAGE_MAX_LENGTH)
      throw fieldError('body', 'field.tooLong', { max: MESSAGE_MAX_LENGTH });
    const row = await tradeRepository.insertMessage(this.deps.db, {
      trade_id: id,
      author_user_id: user.userId,
      author_role: roles[0]!,
      body: text,
      created_at: this.deps.now(),
    });
    return this.messageDto(row, user.userId);
  }

  private async messageDto(m: TradeMessageRow, viewerId: string): Promise<TradeMessageDto> {
    const author = m.author_user_id
      ? await userRepository.findUserWithProfile(this.deps.db, m.author_user_id)
      : undefined;
    return {
      id: m.id,
      authorRole: m.author_role as TradeMessageDto['authorRole'],
      authorName: author?.name ?? null,
      mine: m.author_user_id === viewerId,
      body: m.body,
      createdAt: iso(m.created_at)!,
    };
  }

  /** For tests and the operator: the trade's history. */
  async history(id: string) {
    return tradeRepository.listEvents(this.deps.db, id);
  }
}

/** What the history keeps of a transition's parameters (weights in grams, slots, reasons). */
function eventParams(
  effects: readonly TradeEffect[],
  params: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of effects) {
    if (e.type === 'record_pickup_proposal') out.slot = { start: e.slot.start, end: e.slot.end };
    if (e.type === 'record_handover_weight') out.grams = e.grams;
    if (e.type === 'record_dispute') out.reason = e.reason;
    if (e.type === 'refund_partial') out.refundCents = e.refundCents;
  }
  if (params.resolution) out.resolution = params.resolution;
  return out;
}
