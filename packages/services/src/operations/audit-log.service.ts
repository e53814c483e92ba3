import {
  type AuditLogRow,
  auditLogRepository,
  type Database,
  type Kysely,
  type Transaction,
  userRepository,
} from '@retaille/db';
import type { Actor, UserActor } from '../auth/actor.ts';
import { requireOperator } from './operator-access.ts';

export const AUDIT_KINDS = [
  'dispute.resolve',
  'payment.retry',
  'payment.settleOffPlatform',
  'site.verify',
  'site.refuse',
  'site.requestInfo',
  'moderation.hold',
  'moderation.lift',
  'roles.set',
  'fee.set',
  'factors.import',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditEntryDto {
  id: number;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  kind: string;
  subjectKind: string;
  subjectId: string;
  note: string;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  actorUserId?: string | undefined;
  kind?: AuditKind | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeId?: number | undefined;
  limit?: number | undefined;
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Every operator action, appended in the transaction of the change it records where there is one
 * (so the log and the change commit together). The table refuses UPDATE and DELETE.
 */
export class AuditLogService {
  constructor(private readonly deps: { db: Kysely<Database>; now: () => Date }) {}

  async record(
    db: Db,
    actor: UserActor,
    entry: {
      kind: AuditKind;
      subjectKind: string;
      subjectId: string;
      note?: string | undefined;
      details?: Record<string, unknown>;
    },
  ): Promise<void> {
    await auditLogRepository.appendAudit(db, {
      created_at: this.deps.now(),
      actor_user_id: actor.userId,
      kind: entry.kind,
      subject_kind: entry.subjectKind,
      subject_id: entry.subjectId,
      note: entry.note ?? '',
      details: entry.details ?? {},
    });
  }

  async list(actor: Actor, filter: AuditFilter): Promise<AuditEntryDto[]> {
    requireOperator(actor);
    const to = filter.to ? new Date(`${filter.to}T00:00:00Z`) : undefined;
    if (to) to.setUTCDate(to.getUTCDate() + 1);
    const rows = await auditLogRepository.listAudit(this.deps.db, {
      actorUserId: filter.actorUserId,
      kind: filter.kind,
      from: filter.from ? new Date(`${filter.from}T00:00:00Z`) : undefined,
      to,
      beforeId: filter.beforeId,
      limit: filter.limit ?? 100,
    });
    const names = await userRepository.findUserNames(
      this.deps.db,
      rows.flatMap((r) => (r.actor_user_id ? [r.actor_user_id] : [])),
    );
    return rows.map((r) => toDto(r, names));
  }
}

function toDto(r: AuditLogRow, names: Map<string, string>): AuditEntryDto {
  return {
    id: r.id,
    at: new Date(r.created_at).toISOString(),
    actorUserId: r.actor_user_id,
    actorName: r.actor_user_id ? (names.get(r.actor_user_id) ?? null) : null,
    kind: r.kind,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    note: r.note,
    details: r.details,
  };
}
