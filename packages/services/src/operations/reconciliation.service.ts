import {
  type Database,
  type Kysely,
  platformRoleRepository,
  platformSettingRepository,
  reconciliationRepository,
  type TradeRow,
} from '@retaille/db';
import type { PaymentGateway } from '@retaille/payments';
import type { Actor } from '../auth/actor.ts';
import type { JobTransactions } from '../jobs/job-queue.ts';
import type { Mailer } from '../mail/mailer.ts';
import { checkLedger, type LedgerCheck } from '../trades/ledger-check.ts';
import { operationsMail } from './operations-mail.ts';
import { requireOperator } from './operator-access.ts';
import { type ReconciliationDifference, reconcileTrade } from './reconciliation.ts';

export interface ReconciliationReport {
  checkedAt: string;
  /** The double-entry journal balances (overall and per trade). */
  ledgerBalanced: boolean;
  unbalancedTradeIds: string[];
  paidTrades: number;
  differences: ReconciliationDifference[];
  ok: boolean;
}

const LAST_RUN_KEY = 'reconciliation_last_run';

/**
 * Proves the money: the journal balances, every completed paid trade has its transfer, every
 * refund due was made, and the ledger matches the provider's own objects, trade by trade.
 */
export class ReconciliationService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      gateway: PaymentGateway;
      mailer: Mailer;
      jobs: JobTransactions;
      publicUrl: string;
      now: () => Date;
    },
  ) {}

  async report(actor: Actor): Promise<ReconciliationReport> {
    requireOperator(actor);
    return this.run();
  }

  async run(): Promise<ReconciliationReport> {
    const db = this.deps.db;
    const ledger: LedgerCheck = await checkLedger(db);
    const differences: ReconciliationDifference[] = [];
    let paidTrades = 0;
    let after: string | null = null;
    for (;;) {
      const page: TradeRow[] = await reconciliationRepository.listPaidTradesPage(db, after);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      const ids = page.map((t) => t.id);
      const [postings, effects] = await Promise.all([
        reconciliationRepository.sumMoneyPostings(db, ids),
        reconciliationRepository.listEffectsOfTrades(db, ids),
      ]);
      for (const trade of page) {
        // A paid trade nobody paid yet (awaiting payment, expired unpaid) has nothing to reconcile.
        const tradeEffects = effects.filter((e) => e.trade_id === trade.id);
        if (trade.paid_cents === 0 && tradeEffects.length === 0) continue;
        paidTrades++;
        const accounts = new Map(
          postings.filter((p) => p.trade_id === trade.id).map((p) => [p.account, p.cents]),
        );
        const intents = [
          ...new Set(
            [trade.payment_intent_id, ...tradeEffects.map((e) => e.payment_intent_id)].filter(
              (x): x is string => !!x,
            ),
          ),
        ];
        const provider = await this.deps.gateway
          .getTradeMoney({ tradeId: trade.id, paymentIntentIds: intents })
          .catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
        differences.push(...reconcileTrade({ trade, accounts, effects: tradeEffects }, provider));
      }
    }
    const unbalancedTradeIds = ledger.unbalancedTrades.map((t) => t.tradeId);
    return {
      checkedAt: this.deps.now().toISOString(),
      ledgerBalanced: ledger.balanced,
      unbalancedTradeIds,
      paidTrades,
      differences,
      ok: ledger.balanced && differences.length === 0,
    };
  }

  /**
   * The daily run (called by the periodic tick, which may come every minute from several
   * processes): once per calendar day (UTC), claimed in the settings table, then the operators
   * are e-mailed when anything differs.
   */
  async runDaily(): Promise<ReconciliationReport | null> {
    const today = this.deps.now().toISOString().slice(0, 10);
    const claimed = await this.deps.db.transaction().execute(async (trx) => {
      const last = await platformSettingRepository.lockSetting(trx, LAST_RUN_KEY);
      if (last === today) return false;
      await platformSettingRepository.putSetting(trx, LAST_RUN_KEY, today, null, this.deps.now());
      return true;
    });
    if (!claimed) return null;
    const report = await this.run();
    if (!report.ok) await this.notify(report);
    return report;
  }

  private async notify(report: ReconciliationReport): Promise<void> {
    const lines = [
      ...(report.ledgerBalanced
        ? []
        : [`- journal déséquilibré / unbalanced ledger: ${report.unbalancedTradeIds.join(', ')}`]),
      ...report.differences.map(
        (d) =>
          `- ${d.tradeId} ${d.kind}: ${(d.expectedCents / 100).toFixed(2)} € ≠ ${(d.actualCents / 100).toFixed(2)} € (${d.detail})`,
      ),
    ];
    await this.deps.jobs.transaction(async (trx, enqueue) => {
      for (const to of await platformRoleRepository.listAdminEmails(trx)) {
        await this.deps.mailer.queue(
          trx,
          enqueue,
          operationsMail.reconciliationDifferences(
            to,
            lines.length,
            lines.join('\n'),
            `${this.deps.publicUrl}/operations/rapprochement`,
          ),
        );
      }
    });
  }
}

/** `pnpm ledger:check`'s extra lines. */
export function formatReconciliation(report: ReconciliationReport): string {
  const lines = [
    `Rapprochement : ${report.paidTrades} échange(s) payé(s) comparé(s) au prestataire de paiement`,
  ];
  for (const d of report.differences) {
    lines.push(
      `ÉCART ${d.kind} échange ${d.tradeId} : attendu ${(d.expectedCents / 100).toFixed(2)} €, constaté ${(d.actualCents / 100).toFixed(2)} € (${d.detail})`,
    );
  }
  lines.push(
    report.differences.length === 0
      ? 'OK : chaque versement et chaque remboursement dû a été fait, et le prestataire est d’accord.'
      : `ERREUR : ${report.differences.length} écart(s).`,
  );
  return lines.join('\n');
}
