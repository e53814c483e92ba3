/**
 * Everything Kysely/pg: the database handle (PGlite or PostgreSQL), migrations and the
 * repositories, which are the only code that writes SQL.
 */
export type { Kysely, KyselyPlugin, Transaction } from 'kysely';
export * from './database.ts';
export * from './migrate.ts';
export type { AuditLogFilter, AuditLogRow, NewAuditLogRow } from './repositories/audit-log.repository.ts';
export * as auditLogRepository from './repositories/audit-log.repository.ts';
export type { BasketRow, BasketTradeRow } from './repositories/basket.repository.ts';
export * as basketRepository from './repositories/basket.repository.ts';
export * as circuitsRepository from './repositories/circuits.repository.ts';
export type { DemoDataCounts } from './repositories/demo-data.repository.ts';
export * as demoDataRepository from './repositories/demo-data.repository.ts';
export * as disputeQueueRepository from './repositories/dispute-queue.repository.ts';
export type {
  FactorSetRow,
  ImpactAggregateRow,
  ImpactDimensionColumn,
  ImpactFlowRow,
  ImpactQueryFilter,
  ImpactRecordRow,
  ImpactSource,
  ImpactSumsRow,
  NewImpactRecordRow,
} from './repositories/impact.repository.ts';
export * as impactRepository from './repositories/impact.repository.ts';
export type { LedgerEntryRow, LedgerPostingWrite } from './repositories/ledger.repository.ts';
export * as ledgerRepository from './repositories/ledger.repository.ts';
export type { Keyset, Paged, TradePageFilter } from './repositories/list-page.repository.ts';
export * as listPageRepository from './repositories/list-page.repository.ts';
export type {
  LotCardRow,
  LotListItemRow,
  LotPhotoRow,
  LotRow,
  LotSearch,
  LotSearchRow,
} from './repositories/lot.repository.ts';
export * as lotRepository from './repositories/lot.repository.ts';
export type { MailRow } from './repositories/mail-outbox.repository.ts';
export * as mailOutboxRepository from './repositories/mail-outbox.repository.ts';
export type { AllocationRunRow, NotificationRow } from './repositories/matching.repository.ts';
export * as matchingRepository from './repositories/matching.repository.ts';
export type { MemberRow, SiteInvitationRow, SiteRole } from './repositories/membership.repository.ts';
export * as membershipRepository from './repositories/membership.repository.ts';
export * as metricsRepository from './repositories/metrics.repository.ts';
export type { ModerationRow, ModerationSubjectKind } from './repositories/moderation.repository.ts';
export * as moderationRepository from './repositories/moderation.repository.ts';
export type { MoneyOwedRow } from './repositories/money-owed.repository.ts';
export * as moneyOwedRepository from './repositories/money-owed.repository.ts';
export type { NoticeRow, NoticeUser } from './repositories/notification.repository.ts';
export * as notificationRepository from './repositories/notification.repository.ts';
export type { LotOfferRow, OfferStatus } from './repositories/offer.repository.ts';
export * as offerRepository from './repositories/offer.repository.ts';
export type { AccountFlags, SellerPaymentAccountRow } from './repositories/payment-account.repository.ts';
export * as paymentAccountRepository from './repositories/payment-account.repository.ts';
export * as photoRepository from './repositories/photo.repository.ts';
export type { RoleHolderRow } from './repositories/platform-role.repository.ts';
export * as platformRoleRepository from './repositories/platform-role.repository.ts';
export * as platformSettingRepository from './repositories/platform-setting.repository.ts';
export type {
  PoolableTradeRow,
  PooledTourRow,
  PooledTourStopRow,
} from './repositories/pooled-tour.repository.ts';
export * as pooledTourRepository from './repositories/pooled-tour.repository.ts';
export * as reconciliationRepository from './repositories/reconciliation.repository.ts';
export type { SavedSearchRow } from './repositories/saved-search.repository.ts';
export * as savedSearchRepository from './repositories/saved-search.repository.ts';
export type { ThrottleRow } from './repositories/sign-in-throttle.repository.ts';
export * as signInThrottleRepository from './repositories/sign-in-throttle.repository.ts';
export type { SiteListFilter, SiteOpening, SiteRow } from './repositories/site.repository.ts';
export * as siteRepository from './repositories/site.repository.ts';
export type { PendingSiteRow, SiteReviewRow } from './repositories/site-review.repository.ts';
export * as siteReviewRepository from './repositories/site-review.repository.ts';
export type {
  NewTradeRow,
  TradeEventRow,
  TradeMessageRow,
  TradePatch,
  TradePaymentEffectRow,
  TradeRow,
  TradeTimerRow,
} from './repositories/trade.repository.ts';
export * as tradeRepository from './repositories/trade.repository.ts';
export type { UserProfileRow, UserWithProfile } from './repositories/user.repository.ts';
export * as userRepository from './repositories/user.repository.ts';
export type { WantedRequestRow } from './repositories/wanted-request.repository.ts';
export * as wantedRequestRepository from './repositories/wanted-request.repository.ts';
export { sqlExecutor } from './sql-executor.ts';

import { sql } from 'kysely';
import type { DatabaseHandle } from './database.ts';

/** Refreshes the planner's statistics (after bulk loads: seeds, benchmarks). */
export async function analyze(handle: Pick<DatabaseHandle, 'db'>): Promise<void> {
  await sql`analyze`.execute(handle.db);
}

/** Round-trips to the database; used by the health check. */
export async function ping(handle: DatabaseHandle): Promise<boolean> {
  const r = await sql<{ ok: number }>`select 1 as ok`.execute(handle.db);
  return r.rows[0]?.ok === 1;
}
