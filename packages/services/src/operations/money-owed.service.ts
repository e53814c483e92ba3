import {
  type Database,
  type Kysely,
  type MoneyOwedRow,
  moneyOwedRepository,
  platformRoleRepository,
} from '@retaille/db';
import { AUTOMATIC_PAYMENT_ATTEMPTS, paymentAttemptsExhausted } from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import type { JobTransactions } from '../jobs/job-queue.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { AuditLogService } from './audit-log.service.ts';
import { operationsMail } from './operations-mail.ts';
import { fieldRefusal, requireOperator } from './operator-access.ts';
import type { TradesPort } from './trades-port.ts';

/** A payout or refund still failing this long after it was due is reported even while it is retried. */
export const STILL_FAILING_AFTER_MS = 24 * 3600 * 1000;

export interface MoneyOwedDto {
  effectId: string;
  tradeId: string;
  kind: 'refund' | 'transfer';
  amountCents: number;
  status: 'pending' | 'failed';
  attempt: number;
  /** The automatic retries gave up: only an operator moves it now. */
  exhausted: boolean;
  lastError: string | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  tradeState: string;
  lotTitle: string;
  sellerSiteName: string;
  buyerName: string;
}

export interface Logger {
  warn(data: Record<string, unknown>, message: string): void;
}
export const consoleLogger: Logger = {
  warn: (data, message) => console.warn(`${message} ${JSON.stringify(data)}`),
};

/** Payouts and refunds not made: listed, retried, or settled by other means with a note. */
export class MoneyOwedService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      trades: TradesPort;
      audit: AuditLogService;
      mailer: Mailer;
      jobs: JobTransactions;
      publicUrl: string;
      now: () => Date;
      log?: Logger;
    },
  ) {}

  async list(actor: Actor): Promise<MoneyOwedDto[]> {
    requireOperator(actor);
    return (await moneyOwedRepository.listMoneyOwed(this.deps.db)).map(toDto);
  }

  /** Queues the call again and runs it now; one already made (or settled) is refused, nothing moves. */
  async retry(
    actor: Actor,
    effectId: string,
  ): Promise<{ effectId: string; status: string; lastError: string | null }> {
    const operator = requireOperator(actor);
    const effect = await this.deps.db.transaction().execute(async (trx) => {
      const effect = await moneyOwedRepository.lockEffect(trx, effectId);
      assertOwed(effect);
      await moneyOwedRepository.requeueEffect(trx, effectId, this.deps.now());
      await this.deps.audit.record(trx, operator, {
        kind: 'payment.retry',
        subjectKind: 'trade',
        subjectId: effect.trade_id,
        details: { effectId, kind: effect.kind, amountCents: effect.amount_cents, attempt: effect.attempt },
      });
      return effect;
    });
    await this.deps.trades.runPaymentEffects(effect.trade_id);
    const after = await this.deps.db
      .transaction()
      .execute((trx) => moneyOwedRepository.lockEffect(trx, effectId));
    return { effectId, status: after?.status ?? 'unknown', lastError: after?.last_error ?? null };
  }

  async settleOffPlatform(
    actor: Actor,
    input: { effectId: string; note: string },
  ): Promise<{ effectId: string }> {
    const operator = requireOperator(actor);
    if (input.note.trim() === '') throw fieldRefusal('VALIDATION', 'note', 'field.required');
    await this.deps.db.transaction().execute(async (trx) => {
      const effect = await moneyOwedRepository.lockEffect(trx, input.effectId);
      assertOwed(effect);
      await moneyOwedRepository.settleEffectOffPlatform(trx, input.effectId, this.deps.now());
      await this.deps.audit.record(trx, operator, {
        kind: 'payment.settleOffPlatform',
        subjectKind: 'trade',
        subjectId: effect.trade_id,
        note: input.note,
        details: { effectId: input.effectId, kind: effect.kind, amountCents: effect.amount_cents },
      });
    });
    return { effectId: input.effectId };
  }

  /**
   * Never silent: each payout or refund the automatic retries gave up on — or that still fails a day
   * after it was due, as a payout to an account that cannot receive transfers is retried without
   * counting — is logged at warn level
   * once and e-mailed to the operators (the periodic tick calls this).
   */
  async reportExhausted(): Promise<number> {
    const now = this.deps.now();
    const log = this.deps.log ?? consoleLogger;
    return this.deps.jobs.transaction(async (trx, enqueue) => {
      const given = await moneyOwedRepository.claimExhaustedUnwarned(
        trx,
        AUTOMATIC_PAYMENT_ATTEMPTS,
        now,
        new Date(now.getTime() - STILL_FAILING_AFTER_MS),
      );
      if (given.length === 0) return 0;
      for (const e of given) {
        log.warn(
          {
            effectId: e.id,
            tradeId: e.trade_id,
            kind: e.kind,
            amountCents: e.amount_cents,
            lastError: e.last_error,
          },
          'payment effect failed after the last automatic retry, or still failing after a day',
        );
      }
      const lines = given
        .map(
          (e) =>
            `- ${e.kind === 'transfer' ? 'versement / payout' : 'remboursement / refund'} ${(e.amount_cents / 100).toFixed(2)} € — ${e.trade_id} — ${e.last_error ?? ''}`,
        )
        .join('\n');
      for (const to of await platformRoleRepository.listAdminEmails(trx)) {
        await this.deps.mailer.queue(
          trx,
          enqueue,
          operationsMail.paymentGaveUp(to, lines, `${this.deps.publicUrl}/operations/paiements`),
        );
      }
      return given.length;
    });
  }
}

function assertOwed(
  effect: Awaited<ReturnType<typeof moneyOwedRepository.lockEffect>>,
): asserts effect is NonNullable<typeof effect> {
  if (!effect || (effect.kind !== 'refund' && effect.kind !== 'transfer')) {
    throw fieldRefusal('NOT_FOUND', 'effectId', 'operations.paymentNotFound');
  }
  if (effect.status === 'done' || effect.status === 'settled_off_platform') {
    throw fieldRefusal('CONFLICT', 'effectId', 'operations.paymentAlreadyDone');
  }
}

function toDto(r: MoneyOwedRow): MoneyOwedDto {
  return {
    effectId: r.id,
    tradeId: r.trade_id,
    kind: r.kind as 'refund' | 'transfer',
    amountCents: r.amount_cents,
    status: r.status as 'pending' | 'failed',
    attempt: r.attempt,
    exhausted: paymentAttemptsExhausted(r),
    lastError: r.last_error,
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    tradeState: r.trade_state,
    lotTitle: r.lot_title ?? '',
    sellerSiteName: r.seller_site_name ?? '',
    buyerName: r.buyer_name ?? '',
  };
}
