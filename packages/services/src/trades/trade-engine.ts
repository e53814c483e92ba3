import { type TradeRow, tradeRepository } from '@retaille/db';
import {
  type ApplyTransitionOptions,
  applyTransition,
  DomainError,
  type TradeActor,
  type TradeEffect,
  type TransitionName,
  type TransitionPatch,
  type TransitionResult,
} from '@retaille/domain';
import type { Enqueue } from '../jobs/job-queue.ts';
import type { TradeChanges, TradeServiceDeps, Trx } from './trade-context.ts';
import { runEffects } from './trade-effect-handlers.ts';

/** A transition's parameters as the commands pass them (validated by the domain). */
export type TransitionParamsInput = Record<string, unknown> | undefined;

export interface Applied {
  row: TradeRow;
  result: TransitionResult;
}

export interface TransitionOptions {
  actorUserId: string | null;
  /** A timer fired it: the domain refuses it before its due time. */
  timed?: boolean;
  /** The row the caller already read: locked at its version instead of read again. */
  known?: TradeRow;
  /** More writes of the same transaction (a handover's trip). */
  within?: (trx: Trx, row: TradeRow) => Promise<void>;
}

/** The trade columns the transition itself writes (its effects write the rest). */
function columnsOf(patch: TransitionPatch, actorUserId: string | null): TradeChanges {
  const own: TradeChanges = { state: patch.state, state_entered_at: patch.stateEnteredAt };
  if (patch.receivedAt) own.received_at = patch.receivedAt;
  if (patch.receiptGrams !== undefined) own.receipt_grams = patch.receiptGrams;
  if (patch.vehicleKey !== undefined) own.vehicle_key = patch.vehicleKey;
  if (patch.disputeResolution) {
    own.dispute_resolution = patch.disputeResolution;
    own.resolved_by = actorUserId;
  }
  return own;
}

/** What the history keeps of a transition's parameters (weights in grams, slots, reasons). */
export function eventParams(
  effects: readonly TradeEffect[],
  params: TransitionParamsInput,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of effects) {
    if (e.type === 'record_pickup_proposal') out.slot = { start: e.slot.start, end: e.slot.end };
    if (e.type === 'record_handover_weight') out.grams = e.grams;
    if (e.type === 'record_dispute') out.reason = e.reason;
    if (e.type === 'refund_partial') out.refundCents = e.refundCents;
  }
  if (params?.resolution) out.resolution = params.resolution;
  return out;
}

/**
 * The one writer of trade state: the domain's table decides, then in one transaction the
 * effects run (each returning its change), the row is updated, the history row written, the
 * follow-ups run (the sale of the lot, the `trade.notify` job) and the timers replaced.
 */
export class TransitionEngine {
  constructor(private readonly deps: TradeServiceDeps) {}

  /** One transition in its own transaction. */
  async transition(
    id: string,
    name: TransitionName,
    actor: TradeActor,
    params: TransitionParamsInput,
    now: Date,
    opts: TransitionOptions,
  ): Promise<Applied> {
    return this.deps.jobs.transaction(async (trx, enqueue) => {
      const first = opts.known ?? (await tradeRepository.lockTrade(trx, id));
      if (!first) throw new DomainError('NOT_FOUND', 'trade.notFound');
      let applied = await this.apply(trx, enqueue, first, name, actor, params, now, {
        ...opts,
        unlocked: opts.known !== undefined,
      });
      if (!applied) {
        // Changed since the caller read it: decide again on the locked row.
        const fresh = await tradeRepository.lockTrade(trx, id);
        if (!fresh) throw new DomainError('NOT_FOUND', 'trade.notFound');
        applied = await this.apply(trx, enqueue, fresh, name, actor, params, now, opts);
        if (!applied) throw new Error(`trade ${id} changed under its row lock`);
      }
      await opts.within?.(trx, applied.row);
      return applied;
    });
  }

  /**
   * Applies a transition to `trade` inside `trx`. Undefined, with nothing written, when the row
   * is no longer at the version read.
   */
  async apply(
    trx: Trx,
    enqueue: Enqueue,
    trade: TradeRow,
    name: TransitionName,
    actor: TradeActor,
    params: TransitionParamsInput,
    now: Date,
    opts: Pick<TransitionOptions, 'actorUserId' | 'timed'> & { unlocked?: boolean },
  ): Promise<Applied | undefined> {
    let result: TransitionResult;
    try {
      result = this.decide(trade, name, actor, params, now, opts.timed === true);
    } catch (e) {
      // Refused on a row read before the transaction: the locked row decides.
      if (opts.unlocked && e instanceof DomainError) return undefined;
      throw e;
    }
    if (!(await tradeRepository.lockTradeAtVersion(trx, trade.id, trade.version))) return undefined;
    const own = columnsOf(result.patch, opts.actorUserId);
    const env = { trx, enqueue, now, deps: this.deps, event: null, trade: { ...trade, ...own } };
    const ran = await runEffects(result.effects, env);
    const event = await tradeRepository.insertEvent(trx, {
      trade_id: trade.id,
      transition: name,
      from_state: result.from,
      to_state: result.state,
      actor_role: actor,
      actor_user_id: opts.actorUserId,
      params: JSON.stringify(eventParams(result.effects, params)),
      created_at: now,
    });
    const followed = await runEffects(result.followUps, { ...env, trade: ran.trade, event });
    const row = await tradeRepository.updateTrade(
      trx,
      trade.id,
      { ...own, ...ran.changes, ...followed.changes },
      now,
    );
    await tradeRepository.replaceTimers(
      trx,
      trade.id,
      result.timers.map((t) => ({ transition: t.name, dueAt: t.at })),
    );
    return { row, result };
  }

  private decide(
    trade: TradeRow,
    name: TransitionName,
    actor: TradeActor,
    params: TransitionParamsInput,
    now: Date,
    timed: boolean,
  ): TransitionResult {
    return applyTransition(
      {
        state: trade.state,
        isPaid: trade.is_paid,
        pickupProposedBy: trade.pickup_proposed_by,
        ...(timed ? { stateEnteredAt: trade.state_entered_at } : {}),
      },
      name,
      actor,
      now,
      // The names come from the caller at run time; the domain validates the parameters.
      { timings: this.deps.timings, params } as ApplyTransitionOptions<TransitionName>,
    );
  }
}
