import {
  type DatabaseHandle,
  membershipRepository,
  reconciliationRepository,
  type TradeEventRow,
  type TradeRow,
  tradeRepository,
  userRepository,
} from '@retaille/db';
import {
  DomainError,
  paymentAttemptsExhausted,
  type RefundReason,
  type TradeActor,
  type TradeState,
} from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { isAdmin, requireUser } from '../auth/policy.ts';

/** One step of a trade's history as both parties (and the operators) see it. */
export interface TradeTimelineEventDto {
  seq: number;
  transition: string;
  fromState: TradeState;
  toState: TradeState;
  actorRole: TradeActor;
  /** Who acted; null for the system (timers, payment confirmations) or an account since removed. */
  actorName: string | null;
  at: string;
  /** Requested quantity (the request), in the trade's unit. */
  quantity: string | null;
  unit: string;
  /** Weight measured at the handover, in kg (decimal string). */
  handoverKg: string | null;
  slot: { start: string; end: string } | null;
  reason: string | null;
  resolution: string | null;
  /** The money this step moved or asked for, in cents: what to pay, what was paid, settled or refunded. */
  amountCents: number | null;
}

/**
 * Money the platform owes on a trade, as its parties follow it: the payout to the seller and any
 * refund to the buyer. `retrying` is a failed call the platform will try again on its own;
 * `operator` is one that has used its automatic attempts and waits for the Retaille team.
 */
export interface TradeMoneyMovementDto {
  kind: 'transfer' | 'refund';
  reason: RefundReason | null;
  amountCents: number;
  status: 'pending' | 'retrying' | 'operator' | 'done' | 'settled_off_platform';
  dueSince: string;
  updatedAt: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

function amountOf(e: TradeEventRow, trade: TradeRow, params: Record<string, unknown>): number | null {
  if (!trade.is_paid) return null;
  switch (e.transition) {
    case 'accept':
    case 'mark_paid':
      return trade.total_cents;
    case 'complete':
    case 'auto_resolve_dispute':
      return trade.final_total_cents ?? trade.total_cents;
    case 'resolve_dispute': {
      if (typeof params.refundCents === 'number') return params.refundCents;
      const resolution = params.resolution as { kind?: string } | undefined;
      if (resolution?.kind === 'refund_full') return trade.paid_cents;
      return trade.final_total_cents ?? trade.total_cents;
    }
    default:
      return null;
  }
}

/** The history of a trade from `trade_event`, for its parties and the operators only. */
export class TradeTimelineService {
  constructor(private readonly deps: { db: DatabaseHandle['db'] }) {}

  /** The trade, if the caller is its buyer, a member of its seller site or an operator. */
  private async tradeOfParty(actor: Actor, tradeId: string): Promise<TradeRow> {
    const user = requireUser(actor);
    const db = this.deps.db;
    const trade = await tradeRepository.findTrade(db, tradeId);
    if (!trade) throw new DomainError('NOT_FOUND', 'trade.notFound');
    const party =
      trade.buyer_user_id === user.userId ||
      isAdmin(actor) ||
      (await membershipRepository.findRole(db, trade.seller_site_id, user.userId)) !== undefined;
    if (!party) throw new DomainError('FORBIDDEN', 'trade.notParty');
    return trade;
  }

  /** Payouts and refunds of a trade with where each stands (the provider's raw errors stay with the operators). */
  async payments(actor: Actor, tradeId: string): Promise<TradeMoneyMovementDto[]> {
    const trade = await this.tradeOfParty(actor, tradeId);
    const effects = await reconciliationRepository.listEffectsOfTrades(this.deps.db, [trade.id]);
    return effects.flatMap((e) => {
      if (e.kind !== 'transfer' && e.kind !== 'refund') return [];
      const status: TradeMoneyMovementDto['status'] =
        e.status === 'failed' ? (paymentAttemptsExhausted(e) ? 'operator' : 'retrying') : e.status;
      return [
        {
          kind: e.kind,
          reason: e.reason,
          amountCents: e.amount_cents,
          status,
          dueSince: e.created_at.toISOString(),
          updatedAt: e.updated_at.toISOString(),
        },
      ];
    });
  }

  async timeline(actor: Actor, tradeId: string): Promise<TradeTimelineEventDto[]> {
    const db = this.deps.db;
    const trade = await this.tradeOfParty(actor, tradeId);
    const events = await tradeRepository.listEvents(db, tradeId);
    const names = await userRepository.findUserNames(
      db,
      events.map((e) => e.actor_user_id).filter((id): id is string => id !== null),
    );
    return events.map((e) => {
      const params = (e.params ?? {}) as Record<string, unknown>;
      const slot = params.slot as { start?: unknown; end?: unknown } | undefined;
      const start = str(slot?.start);
      const end = str(slot?.end);
      const resolution = params.resolution as { kind?: unknown } | undefined;
      return {
        seq: e.seq,
        transition: e.transition,
        fromState: e.from_state as TradeState,
        toState: e.to_state as TradeState,
        actorRole: e.actor_role as TradeActor,
        actorName: e.actor_user_id ? (names.get(e.actor_user_id) ?? null) : null,
        at: e.created_at.toISOString(),
        quantity: e.transition === 'request' ? (str(params.quantity) ?? String(trade.quantity)) : null,
        unit: trade.unit,
        handoverKg: typeof params.grams === 'number' ? String(params.grams / 1000) : null,
        slot: start && end ? { start, end } : null,
        reason: str(params.reason),
        resolution: str(resolution?.kind),
        amountCents: amountOf(e, trade, params),
      };
    });
  }
}
