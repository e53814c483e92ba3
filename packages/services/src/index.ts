/** Use cases: orchestrate the domain, the repositories and gateways; own the transactions. */
export type { MeDto, OutboxMessageDto, ProfileInput } from './accounts/account.service.ts';
export * from './auth/actor.ts';
export { PASSWORD_MAX, PASSWORD_MIN, SESSION_COOKIE_CACHE_SECONDS } from './auth/auth.ts';
export * from './catalogue/lot.dto.ts';
export { MAX_PHOTO_BYTES } from './catalogue/photo.service.ts';
export type { WantedRequestDto, WantedRequestInput } from './catalogue/wanted-request.service.ts';
export type {
  FactorImportInput,
  FactorImportPreview,
  FactorRegistry,
  FactorSetSummary,
} from './impact/factor-registry.service.ts';
export * from './impact/impact.dto.ts';
export { ImpactService, MAX_PERIOD_MONTHS, totalsOf } from './impact/impact.service.ts';
export { MAX_EXPORT_LINES } from './impact/impact-export.ts';
export { attributeSector, buildImpactRecord, type ImpactRecordContext } from './impact/impact-recorder.ts';
export { JobQueue } from './jobs/job-queue.ts';
export { type StartedJobQueue, startPgBossQueue } from './jobs/pg-boss-queue.ts';
export { createMailer, type Mailer } from './mail/mailer.ts';
export type { DemoAccount, SeedReport } from './seed/demo-seed.ts';
export * from './services.ts';
export type { InvitationDto, InvitationPreview, MemberDto } from './sites/membership.service.ts';
export * from './sites/site.dto.ts';
export { SiteService } from './sites/site.service.ts';
export { checkLedger, formatLedgerCheck, type LedgerCheck } from './trades/ledger-check.ts';
export * from './trades/trade.dto.ts';
export { TradeService } from './trades/trade.service.ts';
