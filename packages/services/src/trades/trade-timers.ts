import { tradeRepository } from '@retaille/db';
import { DomainError, type TradeActor, type TransitionName } from '@retaille/domain';
import type { TradeServiceDeps } from './trade-context.ts';
import type { TransitionOptions } from './trade-engine.ts';

/** A transition run to its end: committed, then its Stripe calls and any timer already due. */
export type SettledTransition = (
  id: string,
  name: TransitionName,
  actor: TradeActor,
  params: Record<string, unknown> | undefined,
  now: Date,
  opts: TransitionOptions,
) => Promise<unknown>;

/**
 * Timed transitions (expiries, automatic receipt, completion, dispute release) fired as `system`
 * when due. Safe to run from several processes: each transition re-checks the locked trade's
 * state and due time.
 */
export class TradeTimers {
  constructor(
    private readonly deps: TradeServiceDeps,
    private readonly transition: SettledTransition,
    private readonly runPaymentEffects: () => Promise<unknown>,
  ) {}

  /** Applies every timer due at `now` (of one trade, or all), then retries queued Stripe calls. */
  async runDueTimers(now: Date = this.deps.now(), onlyTradeId?: string): Promise<{ applied: number }> {
    let applied = 0;
    for (let round = 0; round < 10; round++) {
      const due = await tradeRepository.listDueTimers(this.deps.db, now, { tradeId: onlyTradeId });
      if (due.length === 0) break;
      let progressed = false;
      for (const timer of due) {
        try {
          await this.transition(timer.trade_id, timer.transition, 'system', undefined, now, {
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
}
