import type { Database, Kysely } from '@retaille/db';
import type { PaymentGateway } from '@retaille/payments';
import type { AccountService } from '../accounts/account.service.ts';
import type { FactorRegistry } from '../impact/factor-registry.service.ts';
import type { JobTransactions } from '../jobs/job-queue.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SiteService } from '../sites/site.service.ts';
import { AuditLogService } from './audit-log.service.ts';
import { DisputeQueueService } from './dispute-queue.service.ts';
import { FactorImportService } from './factor-import.service.ts';
import { ModerationService } from './moderation.service.ts';
import { type Logger, MoneyOwedService } from './money-owed.service.ts';
import { PlatformFeeService } from './platform-fee.service.ts';
import { PlatformRolesService } from './platform-roles.service.ts';
import { ReconciliationService } from './reconciliation.service.ts';
import type { TradesPort } from './trades-port.ts';
import { VerificationService } from './verification.service.ts';

/** The operator console's use cases, one service per concern. */
export interface OperationsServices {
  audit: AuditLogService;
  disputes: DisputeQueueService;
  moneyOwed: MoneyOwedService;
  verification: VerificationService;
  moderation: ModerationService;
  roles: PlatformRolesService;
  fee: PlatformFeeService;
  factors: FactorImportService;
  reconciliation: ReconciliationService;
  /** For the periodic tick: fee reload, payments given up on, the daily reconciliation. */
  tick(): Promise<void>;
}

export interface OperationsDeps {
  db: Kysely<Database>;
  gateway: PaymentGateway;
  mailer: Mailer;
  jobs: JobTransactions;
  sites: SiteService;
  accounts: AccountService;
  registry: FactorRegistry;
  publicUrl: string;
  defaultFeeBps: number;
  now: () => Date;
  log?: Logger;
}

/**
 * The console's services. Trades come later (`bindTrades`): the fee service is needed to build
 * the trades service, and the disputes and money owed need the trades service.
 */
export function createOperations(
  deps: OperationsDeps,
): OperationsServices & { bindTrades(trades: TradesPort): void } {
  const { db, now, mailer, jobs, publicUrl } = deps;
  const audit = new AuditLogService({ db, now });
  const fee = new PlatformFeeService({ db, audit, defaultBps: deps.defaultFeeBps, now });
  let trades: TradesPort | null = null;
  const port: TradesPort = {
    get: (a, id) => bound().get(a, id),
    history: (id) => bound().history(id),
    listMessages: (a, id) => bound().listMessages(a, id),
    resolveDispute: (a, id, r) => bound().resolveDispute(a, id, r),
    runPaymentEffects: (id) => bound().runPaymentEffects(id),
  };
  const bound = (): TradesPort => {
    if (!trades) throw new Error('operations: trades not bound');
    return trades;
  };
  const moneyOwed = new MoneyOwedService({
    db,
    trades: port,
    audit,
    mailer,
    jobs,
    publicUrl,
    now,
    ...(deps.log ? { log: deps.log } : {}),
  });
  const reconciliation = new ReconciliationService({
    db,
    gateway: deps.gateway,
    mailer,
    jobs,
    publicUrl,
    now,
  });
  return {
    audit,
    fee,
    moneyOwed,
    reconciliation,
    disputes: new DisputeQueueService({ db, trades: port, audit }),
    verification: new VerificationService({ db, sites: deps.sites, audit, mailer, jobs, publicUrl, now }),
    moderation: new ModerationService({ db, audit, now }),
    roles: new PlatformRolesService({ db, accounts: deps.accounts, audit }),
    factors: new FactorImportService({ db, registry: deps.registry, audit }),
    bindTrades: (t) => {
      trades = t;
    },
    tick: async () => {
      await fee.refresh();
      await moneyOwed.reportExhausted();
      await reconciliation.runDaily();
    },
  };
}
