import { type Database, disputeQueueRepository, type Kysely, tradeRepository } from '@retaille/db';
import type { DisputeResolution } from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import type { TradeDto, TradeMessageDto } from '../trades/trade.dto.ts';
import type { AuditLogService } from './audit-log.service.ts';
import { fieldRefusal, requireOperator } from './operator-access.ts';
import type { TradesPort } from './trades-port.ts';

export interface DisputeTimelineEventDto {
  transition: string;
  from: string;
  to: string;
  actorRole: string;
  at: string;
  params: Record<string, unknown>;
}

export interface DisputeDto {
  trade: TradeDto;
  /** What can still go back to the buyer: paid minus the refunds already decided. */
  refundableCents: number;
  timeline: DisputeTimelineEventDto[];
  messages: TradeMessageDto[];
  photoIds: string[];
}

export interface ResolveDisputeInput {
  tradeId: string;
  /** To the buyer; the rest, less the platform fee on it, goes to the seller. */
  refundCents: number;
  note: string;
}

/** Open disputes with everything needed to decide, and their resolution by an operator. */
export class DisputeQueueService {
  constructor(private readonly deps: { db: Kysely<Database>; trades: TradesPort; audit: AuditLogService }) {}

  async list(actor: Actor): Promise<DisputeDto[]> {
    const operator = requireOperator(actor);
    const rows = await disputeQueueRepository.listOpenDisputes(this.deps.db);
    return Promise.all(rows.map((r) => this.dispute(operator, r.id, r.lot_id)));
  }

  private async dispute(actor: Actor, tradeId: string, lotId: string): Promise<DisputeDto> {
    const [trade, events, messages, photoIds, decided] = await Promise.all([
      this.deps.trades.get(actor, tradeId),
      this.deps.trades.history(tradeId),
      this.deps.trades.listMessages(actor, tradeId),
      disputeQueueRepository.listLotPhotoIds(this.deps.db, lotId),
      tradeRepository.sumRefundsDecided(this.deps.db, tradeId),
    ]);
    return {
      trade,
      refundableCents: Math.max(0, trade.paidCents - decided),
      timeline: events.map((e) => ({
        transition: e.transition,
        from: e.from_state,
        to: e.to_state,
        actorRole: e.actor_role,
        at: new Date(e.created_at).toISOString(),
        params: (typeof e.params === 'string' ? JSON.parse(e.params) : (e.params ?? {})) as Record<
          string,
          unknown
        >,
      })),
      messages,
      photoIds,
    };
  }

  async resolve(actor: Actor, input: ResolveDisputeInput): Promise<TradeDto> {
    const operator = requireOperator(actor);
    const trade = await tradeRepository.findTrade(this.deps.db, input.tradeId);
    if (!trade) throw fieldRefusal('NOT_FOUND', 'tradeId', 'trade.notFound');
    if (trade.state !== 'disputed') throw fieldRefusal('CONFLICT', 'tradeId', 'operations.disputeNotOpen');
    const refundable = Math.max(
      0,
      trade.paid_cents - (await tradeRepository.sumRefundsDecided(this.deps.db, trade.id)),
    );
    if (!Number.isSafeInteger(input.refundCents) || input.refundCents < 0 || input.refundCents > refundable) {
      throw fieldRefusal('VALIDATION', 'refundCents', 'operations.refundExceedsPaid', { max: refundable });
    }
    const resolution: DisputeResolution =
      input.refundCents === 0
        ? { kind: 'release' }
        : input.refundCents === refundable && refundable === trade.paid_cents
          ? { kind: 'refund_full' }
          : { kind: 'refund_partial', refundCents: input.refundCents };
    // The transition locks the trade and re-checks its state: a second resolution racing this one fails there.
    const resolved = await this.deps.trades.resolveDispute(operator, trade.id, resolution);
    await this.deps.audit.record(this.deps.db, operator, {
      kind: 'dispute.resolve',
      subjectKind: 'trade',
      subjectId: trade.id,
      note: input.note,
      details: {
        resolution: resolution.kind,
        refundCents: input.refundCents,
        paidCents: trade.paid_cents,
        sellerPayoutCents: resolved.final?.sellerPayoutCents ?? null,
      },
    });
    return resolved;
  }
}
