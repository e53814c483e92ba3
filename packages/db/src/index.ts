/**
 * Everything Kysely/pg: the database handle (PGlite or PostgreSQL), migrations and the
 * repositories, which are the only code that writes SQL.
 */
export type { Kysely, Transaction } from 'kysely';
export * from './database.ts';
export * from './migrate.ts';
export type { LotPhotoRow, LotRow, LotSearch, LotSearchRow } from './repositories/lot.repository.ts';
export * as lotRepository from './repositories/lot.repository.ts';
export type { MailRow } from './repositories/mail-outbox.repository.ts';
export * as mailOutboxRepository from './repositories/mail-outbox.repository.ts';
export type { MemberRow, SiteInvitationRow, SiteRole } from './repositories/membership.repository.ts';
export * as membershipRepository from './repositories/membership.repository.ts';
export type { ThrottleRow } from './repositories/sign-in-throttle.repository.ts';
export * as signInThrottleRepository from './repositories/sign-in-throttle.repository.ts';
export type { SiteListFilter, SiteRow } from './repositories/site.repository.ts';
export * as siteRepository from './repositories/site.repository.ts';
export type { UserProfileRow, UserWithProfile } from './repositories/user.repository.ts';
export * as userRepository from './repositories/user.repository.ts';
export type { WantedRequestRow } from './repositories/wanted-request.repository.ts';
export * as wantedRequestRepository from './repositories/wanted-request.repository.ts';

import { sql } from 'kysely';
import type { DatabaseHandle } from './database.ts';

/** Round-trips to the database; used by the health check. */
export async function ping(handle: DatabaseHandle): Promise<boolean> {
  const r = await sql<{ ok: number }>`select 1 as ok`.execute(handle.db);
  return r.rows[0]?.ok === 1;
}
