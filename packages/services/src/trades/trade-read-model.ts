import {
  lotRepository,
  membershipRepository,
  siteRepository,
  type TradeRow,
  type TradeTimerRow,
  tradeRepository,
  userRepository,
} from '@retaille/db';
import { availableTransitions, DomainError, gramsToKg, type TransitionName } from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { isAdmin, requireUser } from '../auth/policy.ts';
import type { TradeDto } from './trade.dto.ts';
import { breakdownOf, type Role, type TradeServiceDeps } from './trade-context.ts';

/** What a trade's answer shows of its lot, seller site, buyer and next deadline. */
export interface TradeRelated {
  lot: { title: string } | undefined;
  site: { name: string } | undefined;
  buyerName: string | undefined;
  next: Pick<TradeTimerRow, 'transition' | 'due_at'> | undefined;
}

/** What the caller may do now: the union over their sides of what the table offers. */
function availableFor(trade: TradeRow, roles: readonly Role[]): TransitionName[] {
  const available = new Set<TransitionName>();
  for (const r of roles) {
    for (const name of availableTransitions(trade.state, r, trade.is_paid, trade.pickup_proposed_by)) {
      available.add(name);
    }
  }
  return [...available];
}

export function dtoOf(trade: TradeRow, roles: readonly Role[], related: TradeRelated): TradeDto {
  const { lot, site, next } = related;
  const b = breakdownOf(trade);
  return {
    id: trade.id,
    state: trade.state,
    isPaid: trade.is_paid,
    role: roles[0] ?? 'operator',
    availableTransitions: availableFor(trade, roles),
    lot: { id: trade.lot_id, title: lot?.title ?? '', unit: trade.unit },
    sellerSite: { id: trade.seller_site_id, name: site?.name ?? '' },
    buyer: { userId: trade.buyer_user_id, name: related.buyerName ?? '', siteId: trade.buyer_site_id },
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
            start: trade.pickup_start.toISOString(),
            end: trade.pickup_end.toISOString(),
            proposedBy: trade.pickup_proposed_by,
            agreed: trade.pickup_agreed_at !== null,
          }
        : null,
    handoverKg: trade.handover_grams === null ? null : gramsToKg(trade.handover_grams),
    receiptKg: trade.receipt_grams === null ? null : gramsToKg(trade.receipt_grams),
    dispute:
      trade.dispute_reason && trade.dispute_opened_at
        ? {
            reason: trade.dispute_reason,
            openedAt: trade.dispute_opened_at.toISOString(),
            resolution: trade.dispute_resolution,
            refundCents: trade.dispute_refund_cents,
          }
        : null,
    nextDeadline: next ? { transition: next.transition, at: next.due_at.toISOString() } : null,
    stateEnteredAt: trade.state_entered_at.toISOString(),
    createdAt: trade.created_at.toISOString(),
    updatedAt: trade.updated_at.toISOString(),
  };
}

/** Reading trades: who may see one, and the DTOs, built with one query per related table. */
export class TradeReadModel {
  constructor(private readonly deps: Pick<TradeServiceDeps, 'db'>) {}

  async rolesOf(actor: Actor, trade: TradeRow): Promise<Role[]> {
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

  /** The trade and the caller's sides of it: NOT_FOUND, or FORBIDDEN `trade.notParty`. */
  async loadForActor(actor: Actor, id: string): Promise<{ trade: TradeRow; roles: Role[] }> {
    requireUser(actor);
    const trade = await tradeRepository.findTrade(this.deps.db, id);
    if (!trade) throw new DomainError('NOT_FOUND', 'trade.notFound');
    const roles = await this.rolesOf(actor, trade);
    if (roles.length === 0) throw new DomainError('FORBIDDEN', 'trade.notParty');
    return { trade, roles };
  }

  async toDto(trade: TradeRow, roles: Role[]): Promise<TradeDto> {
    const [dto] = await this.toDtos([{ trade, roles }]);
    if (!dto) throw new Error('no DTO for a trade');
    return dto;
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
      dtoOf(trade, roles, {
        lot: lotById.get(trade.lot_id),
        site: siteById.get(trade.seller_site_id),
        buyerName: names.get(trade.buyer_user_id),
        next: timers.find((x) => x.trade_id === trade.id),
      }),
    );
  }

  async get(actor: Actor, id: string): Promise<TradeDto> {
    const { trade, roles } = await this.loadForActor(actor, id);
    return this.toDto(trade, roles);
  }
}
